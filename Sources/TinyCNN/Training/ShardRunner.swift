import Dispatch

/// Runs the fixed shards of a batch, on both cores when there are two, each with subnormals
/// flushed (`FloatEnvironment`).
///
/// The shards write disjoint memory (their own workspace, their own slice of outputs), which
/// is what makes the unchecked hand-off to another thread safe; results are combined by the
/// caller in shard order, so they are the same bits whether the shards ran in parallel or not.
enum ShardRunner {
    static func run(_ shards: Int, parallel: Bool = true, _ body: (Int) -> Void) {
        if shards == 1 || !parallel {
            FloatEnvironment.withSubnormalsFlushed {
                for shard in 0..<shards { body(shard) }
            }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let work = escapable
            // The workers are Dispatch's shared threads: each shard sets the kernels' mode and
            // puts the thread's own back when it is done.
            DispatchQueue.concurrentPerform(iterations: shards) { shard in
                FloatEnvironment.withSubnormalsFlushed { work(shard) }
            }
        }
    }
}
