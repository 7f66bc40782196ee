import TutorApp
import TutorResources

extension SampleBank {
    /// The labs' samples read from the bundled data, as the shell loads them (an empty bank
    /// when the data folder is missing).
    public static func bundled() -> SampleBank {
        guard let folder = BundledContent.url(for: .data) else { return SampleBank() }
        return SampleBank.make { try $0.matrix(dataDirectory: folder) }
    }
}
