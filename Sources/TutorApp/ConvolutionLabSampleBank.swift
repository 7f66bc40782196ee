import Foundation
import TutorResources

/// One bundled sample of each class of each data set, for the labs' `digit:N` and `mnist:N`
/// inputs: the first training image of class N, pixels scaled to 0...1.
public struct SampleBank: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case digits, mnist
        var filePrefix: String { self == .digits ? "digits" : "mnist5k" }
        var pixelScale: Float { self == .digits ? 16 : 255 }
        var specPrefix: String { self == .digits ? "digit" : "mnist" }
    }

    /// `samples[kind]![label]`.
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

    /// Reads the bundled training files (or those in `folder`); a missing or unreadable set is
    /// left out, so the labs still work with patterns.
    public static func load(from folder: URL? = BundledContent.url(for: .data)) -> SampleBank {
        var bank = SampleBank()
        guard let folder else { return bank }
        for kind in Kind.allCases {
            let images = folder.appendingPathComponent("\(kind.filePrefix)-train-images.idx3-ubyte")
            let labels = folder.appendingPathComponent("\(kind.filePrefix)-train-labels.idx1-ubyte")
            guard let imageData = try? Data(contentsOf: images), let labelData = try? Data(contentsOf: labels),
                  let firsts = firstOfEachClass(images: [UInt8](imageData), labels: [UInt8](labelData), kind: kind)
            else { continue }
            bank.samples[kind] = firsts
        }
        return bank
    }

    /// The first image of each class 0...9 from raw IDX bytes, or nil when the files are not
    /// well-formed unsigned-byte IDX files.
    static func firstOfEachClass(images: [UInt8], labels: [UInt8], kind: Kind) -> [LabGrid]? {
        func be32(_ bytes: [UInt8], _ at: Int) -> Int {
            guard bytes.count >= at + 4 else { return -1 }
            return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        guard be32(images, 0) == 0x803, be32(labels, 0) == 0x801 else { return nil }
        let count = be32(images, 4), rows = be32(images, 8), columns = be32(images, 12)
        guard count > 0, rows > 0, columns > 0, be32(labels, 4) == count,
              images.count >= 16 + count * rows * columns, labels.count >= 8 + count else { return nil }
        var found = [LabGrid?](repeating: nil, count: 10)
        for i in 0..<count {
            let label = Int(labels[8 + i])
            guard label < 10, found[label] == nil else { continue }
            let start = 16 + i * rows * columns
            let pixels = images[start..<(start + rows * columns)].map { Float($0) / kind.pixelScale }
            found[label] = LabGrid(name: "\(kind.specPrefix):\(label)", rows: rows, columns: columns, values: pixels)
            if found.allSatisfy({ $0 != nil }) { break }
        }
        let all = found.compactMap { $0 }
        return all.count == 10 ? all : nil
    }
}
