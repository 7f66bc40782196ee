import Foundation

extension Trainer {
    /// Trains on a new background thread and returns at once with the run's control.
    ///
    /// The callbacks run on the training thread: hand their values to the UI (they are
    /// immutable `Sendable` snapshots) and return quickly, since training waits for them.
    /// `completion` receives the result, which holds the trained network.
    ///
    ///     let control = Trainer.start(network: DemoNetwork(architecture: .digits, seed: 1),
    ///                                  configuration: .defaults(for: .digits), train: data.train, test: data.test,
    ///                                  snapshots: SnapshotRequest(every: 5, weightLayers: [0]),
    ///                                  onSnapshot: { inbox.post($0) }, completion: { inbox.finish($0) })
    ///     control.pause()
    @discardableResult
    public static func start(network: DemoNetwork, configuration: TrainingConfiguration, train: DataSet,
                             test: DataSet? = nil, validation: DataSet? = nil,
                             control: TrainingControl = TrainingControl(),
                             snapshots: SnapshotRequest? = nil,
                             onSnapshot: @escaping @Sendable (TrainingSnapshot) -> Void = { _ in },
                             onEpoch: @escaping @Sendable (EpochSummary) -> Void = { _ in },
                             onFailure: @escaping @Sendable (TrainingFailure) -> Void = { _ in },
                             completion: @escaping @Sendable (TrainingResult) -> Void) -> TrainingControl {
        let thread = Thread {
            FloatEnvironment.flushSubnormalsOnThisThread()
            let trainer = Trainer(network: network, configuration: configuration, train: train, test: test,
                                  validation: validation, control: control)
            let result = trainer.run(snapshots: snapshots, onSnapshot: onSnapshot, onEpoch: onEpoch, onFailure: onFailure)
            completion(result)
        }
        thread.name = "cnn-tutor training"
        thread.start()
        return control
    }
}
