import Foundation
import TinyCNN

/// One bundled sample of each class of each data set, for the labs' `digit:N` and `mnist:N`
/// inputs, pixels scaled to 0...1. Loaded once by the shell, so reducers stay pure.
public struct SampleBank: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case digits, mnist
    }

    /// `samples[kind]?[label]`.
    public var samples: [Kind: [LabGrid]] = [:]

    public init(samples: [Kind: [LabGrid]] = [:]) { self.samples = samples }

    public func sample(_ kind: Kind, label: Int) -> LabGrid? {
        guard let list = samples[kind], label >= 0, label < list.count else { return nil }
        return list[label]
    }

    /// Every sample's SPEC (`digit:0` ... `mnist:9`) that the bank holds, in cycling order.
    public var specs: [String] {
        Kind.allCases.flatMap { kind in (samples[kind] ?? []).map(\.name) }
    }

    /// The samples TinyCNN's `InputPreset` names (`digit:N`, `mnist:N`: the first test sample of
    /// class N), each read by `read` (the shell reads the bundled data, so the labs show what
    /// `tutor convolve` shows). A set with a sample that cannot be read is left out; the labs still
    /// work with patterns.
    public static func make(reading read: (InputPreset) throws -> Matrix) -> SampleBank {
        var bank = SampleBank()
        for kind in Kind.allCases {
            var grids: [LabGrid] = []
            for label in 0..<10 {
                let preset: InputPreset = kind == .digits ? .digit(label) : .mnist(label)
                guard let m = try? read(preset) else { break }
                grids.append(LabGrid(name: preset.description, matrix: m))
            }
            if grids.count == 10 { bank.samples[kind] = grids }
        }
        return bank
    }
}
