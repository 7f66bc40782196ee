extension Trainer {
    /// One optimiser step on the samples at `order[range]`: forward and backward per sample in
    /// each shard, shard gradients summed in order, then the update. Returns the batch's mean
    /// loss (NaN or infinite on divergence, in which case nothing is updated) and its number of
    /// correct predictions.
    func step(range: Range<Int>, learningRate rate: Float) -> (loss: Float, correct: Int) {
        FloatEnvironment.withSubnormalsFlushed { flushedStep(range: range, learningRate: rate) }
    }

    private func flushedStep(range: Range<Int>, learningRate rate: Float) -> (loss: Float, correct: Int) {
        let count = range.count
        let scale = 1 / Float(count)
        let pixels = train.pixelCount, side = train.width
        let augmentation = configuration.augmentation
        let augmentSeed = augmentation == nil ? 0 : nextSeed()
        let shards = workspaces.count
        let workspaces = workspaces
        train.images.withUnsafeBufferPointer { images in
            train.labels.withUnsafeBufferPointer { labels in
                order.withUnsafeBufferPointer { order in
                    network.parameters.withUnsafeBufferPointer { params in
                        w2r.withUnsafeBufferPointer { w2r in
                            guard let X = images.baseAddress, let P = params.baseAddress, let W2r = w2r.baseAddress else { return }
                            ShardRunner.run(shards, parallel: configuration.parallel) { shard in
                                let ws = workspaces[shard]
                                ws.resetStep()
                                var rng = SeededGenerator(seed: augmentSeed &+ UInt64(shard))
                                let mine = DemoNetwork.shardRange(shard, of: shards, count: count)
                                for k in mine {
                                    let index = order[range.lowerBound + k]
                                    let label = labels[index]
                                    var x = X + index * pixels
                                    if let augmentation {
                                        augmentation.apply(x, to: ws.augmented, height: side, width: side, using: &rng)
                                        x = UnsafePointer(ws.augmented)
                                    }
                                    let r = DemoKernels.forward(x, label: label, P, ws)
                                    ws.lossSum += Double(r.loss)
                                    if r.predicted == label { ws.correct += 1 }
                                    DemoKernels.backward(label: label, scale: scale, P, w2r: W2r, ws,
                                                         slot: k - mine.lowerBound)
                                }
                                DemoKernels.flushDense1(ws, count: mine.count)
                            }
                        }
                    }
                }
            }
        }
        var lossSum = 0.0, correct = 0
        for ws in workspaces {
            lossSum += ws.lossSum
            correct += ws.correct
        }
        let loss = Float(lossSum / Double(count))
        guard loss.isFinite else { return (loss, correct) }
        let total = workspaces[0].grads
        for ws in workspaces.dropFirst() {
            let g = ws.grads
            var i = 0
            while i + 8 <= layout.count {
                store8(load8(total + i) + load8(g + i), total + i)
                i += 8
            }
            while i < layout.count { total[i] += g[i]; i += 1 }
        }
        let n = layout.count
        network.parameters.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            optimizer.update(base, gradients: total, count: n, lr: rate)
        }
        refreshTransposedWeights()
        return (loss, correct)
    }

    private func nextSeed() -> UInt64 {
        var g = generator
        let seed = g.next()
        generator = g
        return seed
    }

    /// A snapshot with only what `request` asks for.
    func snapshot(_ request: SnapshotRequest, epoch: Int, stepInEpoch: Int, stepsPerEpoch: Int, loss: Float,
                  runningLoss: Double, runningAccuracy: Double, smoothed: (loss: Double, accuracy: Double),
                  rate: Float, elapsed: Double) -> TrainingSnapshot {
        var weights: [Int: LayerWeights] = [:]
        for layer in request.weightLayers {
            if let w = network.layerWeights(layer) { weights[layer] = w }
        }
        var activations: [Tensor]?
        var probabilities: [Float]?
        if let probe = request.probe {
            let outputs = network.activations(of: probe)
            activations = outputs
            probabilities = outputs.last.map { DemoNetwork.softmax($0.storage) }
        }
        return TrainingSnapshot(step: stepCount, epoch: epoch, stepInEpoch: stepInEpoch, stepsPerEpoch: stepsPerEpoch,
                                loss: loss, runningLoss: runningLoss, runningAccuracy: runningAccuracy,
                                smoothedLoss: smoothed.loss, smoothedAccuracy: smoothed.accuracy,
                                learningRate: rate, elapsed: elapsed, weights: weights,
                                probeActivations: activations, probeProbabilities: probabilities)
    }
}
