import Foundation
import Testing
@testable import TinyCNN
import TutorResources

/// Subnormal floats are flushed to zero on every thread that runs the kernels (read back from
/// the control register there), the mode is put back afterwards, and flushing changes no result.
@Suite struct FloatEnvironmentTests {
    /// A quarter of the smallest normal Float, computed at run time: a subnormal unless flushed.
    @inline(never) static func quarterOfSmallestNormal(_ divisor: Float) -> Float {
        Float.leastNormalMagnitude / divisor
    }

    /// Whether the calling thread's arithmetic turns a subnormal result into zero.
    static func arithmeticFlushes() -> Bool {
        quarterOfSmallestNormal(Float(4 + ProcessInfo.processInfo.processIdentifier % 1)) == 0
    }

    @Test func theScopeFlushesSubnormalsAndPutsTheThreadsModeBack() {
        let before = FloatEnvironment.controlWord
        let flushedBefore = FloatEnvironment.subnormalsFlushed
        let (inside, zero) = FloatEnvironment.withSubnormalsFlushed {
            (FloatEnvironment.subnormalsFlushed, Self.arithmeticFlushes())
        }
        #expect(inside, "the control register says subnormals are flushed inside the scope")
        #expect(zero, "a subnormal result is zero inside the scope")
        #expect(FloatEnvironment.controlWord == before, "the thread's own mode is back afterwards")
        #expect(FloatEnvironment.subnormalsFlushed == flushedBefore)
        if !flushedBefore {
            #expect(!Self.arithmeticFlushes(), "outside the scope subnormals are kept, as the thread had it")
        }
        #if arch(x86_64)
        let word = FloatEnvironment.withSubnormalsFlushed { FloatEnvironment.controlWord }
        #expect(word & 0x8040 == 0x8040, "MXCSR FTZ (bit 15) and DAZ (bit 6) set: \(String(word, radix: 16))")
        #endif
    }

    @Test func bothShardWorkersRunFlushedAndLeaveTheirThreadAsTheyFoundIt() {
        let flags = UnsafeMutablePointer<Bool>.allocate(capacity: 2)
        let threads = UnsafeMutablePointer<Bool>.allocate(capacity: 2)
        defer { flags.deallocate(); threads.deallocate() }
        flags.initialize(repeating: false, count: 2)
        threads.initialize(repeating: false, count: 2)
        nonisolated(unsafe) let f = flags, t = threads
        ShardRunner.run(2) { shard in
            f[shard] = FloatEnvironment.subnormalsFlushed && Self.arithmeticFlushes()
            t[shard] = Thread.isMainThread
        }
        #expect(flags[0] && flags[1], "each shard's thread flushes subnormals while it runs the kernels")
        ShardRunner.run(2, parallel: false) { shard in f[shard] = FloatEnvironment.subnormalsFlushed }
        #expect(flags[0] && flags[1], "and so does the calling thread when the shards run in turn")
    }

    @Test func theBackgroundTrainingThreadRunsFlushed() async throws {
        guard let folder = BundledContent.url(for: .data) else { Issue.record("no bundled data"); return }
        let digits = try DigitsDataSet.load(.digits, from: folder)
        var config = TrainingConfiguration.defaults(for: .digits)
        config.epochs = 1
        config.batchSize = 1
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var flushed: [Bool] = []
            var words: [UInt64] = []
            func read() -> ([Bool], [UInt64]) { lock.withLock { (flushed, words) } }
        }
        let seen = Seen()
        let done: Bool = await withCheckedContinuation { continuation in
            Trainer.start(network: DemoNetwork(architecture: .digits, seed: 1), configuration: config,
                          train: digits.train, snapshots: SnapshotRequest(every: 100),
                          onSnapshot: { _ in
                              let flushed = FloatEnvironment.subnormalsFlushed && Self.arithmeticFlushes()
                              let word = FloatEnvironment.controlWord
                              seen.lock.withLock { seen.flushed.append(flushed); seen.words.append(word) }
                          },
                          completion: { result in continuation.resume(returning: result.outcome == .completed) })
        }
        #expect(done)
        let (flushed, words) = seen.read()
        #expect(!flushed.isEmpty && flushed.allSatisfy { $0 },
                "every snapshot callback, on the training thread, saw subnormals flushed: \(flushed)")
        #if arch(x86_64)
        #expect(words.allSatisfy { $0 & 0x8040 == 0x8040 })
        #endif
    }

    /// Batch 1 with Adam is where the moments decay into subnormals: flushed, the run still
    /// repeats bit for bit.
    @Test func aSeededBatchOneAdamRunRepeatsBitForBit() throws {
        guard let folder = BundledContent.url(for: .data) else { Issue.record("no bundled data"); return }
        let digits = try DigitsDataSet.load(.digits, from: folder)
        var config = TrainingConfiguration.defaults(for: .digits)
        config.epochs = 2
        config.batchSize = 1
        config.optimizer = .adamDefaults
        let train = DataSet(name: "first 300", height: 8, width: 8, images: Array(digits.train.images.prefix(300 * 64)),
                            labels: Array(digits.train.labels.prefix(300)))
        let start = DemoNetwork(architecture: .digits, seed: 3)
        let a = Trainer(network: start, configuration: config, train: train).run()
        let b = Trainer(network: start, configuration: config, train: train).run()
        #expect(a.outcome == .completed)
        #expect(a.network.parameters == b.network.parameters)
        #expect(a.epochs.map(\.trainLoss) == b.epochs.map(\.trainLoss))
    }
}
