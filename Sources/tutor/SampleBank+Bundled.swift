import TinyCNN
import TutorApp
import TutorResources

extension SampleBank {
    /// The labs' samples read from the bundled data (an empty bank when it is missing).
    static func bundled() -> SampleBank {
        guard let folder = BundledContent.url(for: .data) else { return SampleBank() }
        return SampleBank.make { try $0.matrix(dataDirectory: folder) }
    }
}
