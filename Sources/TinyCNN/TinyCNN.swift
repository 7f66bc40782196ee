/// TinyCNN: tensors, layers, training and data sets for the tutor's live network.
public enum TinyCNN {
    /// The library's version, reported by `tutor --version`.
    public static let version = "0.1.0"
}
