import Foundation
import Testing
@testable import TinyCNN

/// The fused kernels against the plain-loop reference (`activations`) and against central
/// differences of the loss.
@Suite struct DemoKernelTests {
    static let architectures: [DemoArchitecture] = [.digits, DemoArchitecture(name: "tiny", side: 4, hidden: 8), .mnist]

    /// The fused kernels' mean gradient of `images` under `net`, left in `ws.grads`.
    static func accumulateGradients(_ net: DemoNetwork, images: [[Float]], labels: [Int], into ws: DemoWorkspace) {
        let L = net.architecture.layout
        var w2r = [Float](repeating: 0, count: 1152)
        for t in 0..<9 { for i in 0..<8 { for o in 0..<16 { w2r[(t * 16 + o) * 8 + i] = net.parameters[L.w2 + (t * 8 + i) * 16 + o] } } }
        ws.resetStep()
        net.parameters.withUnsafeBufferPointer { p in
            for (slot, (image, label)) in zip(images, labels).enumerated() {
                image.withUnsafeBufferPointer { x in
                    _ = DemoKernels.forward(x.baseAddress!, label: label, p.baseAddress!, ws)
                    DemoKernels.backward(label: label, scale: 1 / Float(images.count), p.baseAddress!, w2r: w2r, ws, slot: slot)
                }
            }
            DemoKernels.flushDense1(ws, count: images.count)
        }
    }

    static func randomImage(side: Int, seed: UInt64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        // Some exact zeros, as real digits have, so that pooling ties and ReLU's kink are exercised.
        return (0..<side * side).map { _ in g.nextUnitFloat() < 0.3 ? 0 : g.nextUnitFloat() }
    }

    @Test(arguments: architectures)
    func forwardMatchesReference(architecture: DemoArchitecture) {
        let net = DemoNetwork(architecture: architecture, seed: 3)
        let image = Self.randomImage(side: architecture.side, seed: 9)
        let ws = DemoWorkspace(layout: architecture.layout)
        let reference = net.activations(of: image)
        let probs = DemoNetwork.softmax(reference[9].storage)
        let label = 4
        let result = net.parameters.withUnsafeBufferPointer { p in
            image.withUnsafeBufferPointer { x in DemoKernels.forward(x.baseAddress!, label: label, p.baseAddress!, ws) }
        }
        let expectedLoss = -log(probs[label])
        #expect(abs(result.loss - expectedLoss) < 1e-4 * max(1, abs(expectedLoss)), "\(architecture.name): loss \(result.loss) vs \(expectedLoss)")
        #expect(result.predicted == reference[9].argmax, "\(architecture.name)")
        for k in 0..<10 {
            #expect(abs(ws.probs[k] - probs[k]) < 1e-5, "\(architecture.name): probability \(k)")
        }
    }

    /// Every parameter's gradient against central differences of the loss, skipping the few
    /// whose finite difference straddles a ReLU or max-pool kink: the worst relative error must stay under the tolerance.
    @Test(arguments: [DemoArchitecture.digits, DemoArchitecture(name: "tiny", side: 4, hidden: 8)])
    func backwardMatchesCentralDifferences(architecture: DemoArchitecture) {
        let tolerance: Float = 2e-2
        var net = DemoNetwork(architecture: architecture, seed: 11)
        let L = architecture.layout
        let images = (0..<3).map { Self.randomImage(side: architecture.side, seed: 20 + UInt64($0)) }
        let labels = [1, 7, 3]
        let ws = DemoWorkspace(layout: L, capacity: images.count)
        func meanLoss(_ params: [Float]) -> Double {
            var total = 0.0
            params.withUnsafeBufferPointer { p in
                for (image, label) in zip(images, labels) {
                    image.withUnsafeBufferPointer { x in
                        total += Double(DemoKernels.forward(x.baseAddress!, label: label, p.baseAddress!, ws).loss)
                    }
                }
            }
            return total / Double(images.count)
        }
        // Analytic gradients.
        Self.accumulateGradients(net, images: images, labels: labels, into: ws)
        let analytic = Array(UnsafeBufferPointer(start: ws.grads, count: L.count))
        var worst: Float = 0
        var worstIndex = -1
        var kinks = 0
        let centre = meanLoss(net.parameters)
        let h: Float = 1e-3
        let indices = Array(0..<L.count)
        for i in indices {
            let saved = net.parameters[i]
            net.parameters[i] = saved + h
            let plus = meanLoss(net.parameters)
            net.parameters[i] = saved - h
            let minus = meanLoss(net.parameters)
            net.parameters[i] = saved
            // A step across a ReLU or max-pool kink makes the one-sided slopes disagree; such
            // parameters are counted and skipped (there must be few).
            let forward = (plus - centre) / Double(h), backward = (centre - minus) / Double(h)
            if abs(forward - backward) > 0.05 * max(abs(forward), abs(backward), 1e-2) {
                kinks += 1
                continue
            }
            let numeric = Float((plus - minus) / Double(2 * h))
            let error = abs(numeric - analytic[i]) / max(1e-2, abs(numeric) + abs(analytic[i]))
            if error > worst { worst = error; worstIndex = i }
        }
        #expect(kinks * 50 < indices.count, "\(architecture.name): \(kinks) of \(indices.count) parameters sit at a kink")
        #expect(worst < tolerance, "\(architecture.name): worst relative gradient error \(worst) at parameter \(worstIndex)")
    }

    /// The fused gradients against the general layer library's backward pass (written
    /// independently, layer by layer) on the same weights and samples. This covers the mnist net,
    /// whose 28×28 activations have too many ReLU kinks for central differences, including the
    /// overlapping row-end blocks of its 14×14 conv2.
    @Test(arguments: [DemoArchitecture.digits, .mnist, DemoArchitecture(name: "demo12", side: 12, hidden: 16)])
    func backwardMatchesTheLayerLibrary(architecture: DemoArchitecture) throws {
        let net = DemoNetwork(architecture: architecture, seed: 5)
        let L = architecture.layout
        let side = architecture.side
        let images = (0..<4).map { Self.randomImage(side: side, seed: 40 + UInt64($0)) }
        let labels = [3, 0, 9, 5]
        // Fused kernels.
        let ws = DemoWorkspace(layout: L, capacity: images.count)
        Self.accumulateGradients(net, images: images, labels: labels, into: ws)
        let fused = DemoNetwork(architecture: architecture, parameters: Array(UnsafeBufferPointer(start: ws.grads, count: L.count)))
        // Layer library.
        let model = net.sequential()
        model.zeroGradients()
        let batch = Tensor(shape: [images.count, 1, side, side], storage: images.flatMap { $0 })
        let logits = model.forward(batch, training: true)
        let result = SoftmaxCrossEntropy()(logits: logits, labels: labels)
        model.backward(result.gradient)
        for layer in DemoNetwork.weightedLayers {
            let expected = model.layers[layer].parameters
            let got = try #require(fused.layerWeights(layer))
            for (name, mine, theirs) in [("weight", got.weight, expected[0].grad), ("bias", got.bias, expected[1].grad)] {
                #expect(mine.shape == theirs.shape)
                let scale = max(theirs.storage.map(abs).max() ?? 0, 1e-3)
                let worst = zip(mine.storage, theirs.storage).map { abs($0 - $1) }.max() ?? 0
                #expect(worst <= 1e-4 * scale, "\(architecture.name) layer \(layer) \(name): worst difference \(worst), largest gradient \(scale)")
            }
        }
    }
}
