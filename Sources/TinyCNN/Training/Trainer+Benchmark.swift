import Dispatch
import Foundation

/// A throughput measurement: wall-clock rate, and the CPU time the process spent per sample
/// (all threads), which stays meaningful when other processes compete for the cores.
public struct Throughput: Sendable, Equatable {
    public var samplesPerSecond: Double
    public var cpuSecondsPerSample: Double
}

/// Seconds of CPU time this process has used, all threads together.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

extension Trainer {
    /// Trains for at least `seconds` (whole steps, epoch after epoch with fresh shuffles) and
    /// returns the training throughput. For `tutor bench`; the network keeps training.
    public func measureTrainingThroughput(seconds: Double) -> Throughput {
        let n = train.count, batch = configuration.batchSize
        let stepsPerEpoch = (n + batch - 1) / batch
        var samples = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUSeconds()
        var elapsed = 0.0
        var epoch = 0
        while elapsed < seconds {
            shuffle()
            for b in 0..<stepsPerEpoch {
                let lo = b * batch, hi = min(lo + batch, n)
                _ = step(range: lo..<hi, learningRate: learningRate(step: stepCount, epoch: epoch))
                stepCount += 1
                samples += hi - lo
                if b % 8 == 7 || b == stepsPerEpoch - 1 {
                    elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    if elapsed >= seconds { break }
                }
            }
            epoch += 1
        }
        return Throughput(samplesPerSecond: Double(samples) / elapsed,
                          cpuSecondsPerSample: (processCPUSeconds() - cpuStart) / Double(samples))
    }
}

extension DemoNetwork {
    /// Classifies `data` in batches of `batchSize` (each batch split across both cores from 16
    /// samples up, as in training) for at least `seconds`, and returns the throughput.
    public func measureInferenceThroughput(_ data: DataSet, batchSize: Int, seconds: Double) -> Throughput {
        precondition(batchSize >= 1, "measureInferenceThroughput: batchSize must be >= 1")
        let shards = TrainingConfiguration.shards(forBatch: batchSize)
        let workspaces = (0..<shards).map { _ in DemoWorkspace(layout: architecture.layout) }
        let pixels = data.pixelCount, n = data.count
        var samples = 0
        var checksum = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUSeconds()
        var elapsed = 0.0
        parameters.withUnsafeBufferPointer { params in
            data.images.withUnsafeBufferPointer { images in
                let P = params.start, X = images.start
                let hits = UnsafeMutablePointer<Int>.allocate(capacity: shards)
                defer { hits.deallocate() }
                var lo = 0
                while elapsed < seconds {
                    let hi = min(lo + batchSize, n)
                    let count = hi - lo
                    ShardRunner.run(shards) { shard in
                        var sum = 0
                        for k in DemoNetwork.shardRange(shard, of: shards, count: count) {
                            sum += DemoKernels.forward(X + (lo + k) * pixels, label: -1, P, workspaces[shard]).predicted
                        }
                        hits[shard] = sum
                    }
                    for s in 0..<shards { checksum &+= hits[s] }
                    samples += count
                    lo = hi == n ? 0 : hi
                    if samples % 256 < batchSize {
                        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    }
                }
            }
        }
        // Keeps the predictions observable so that the work cannot be optimised away.
        if checksum == Int.min { print("") }
        return Throughput(samplesPerSecond: Double(samples) / elapsed,
                          cpuSecondsPerSample: (processCPUSeconds() - cpuStart) / Double(samples))
    }
}
