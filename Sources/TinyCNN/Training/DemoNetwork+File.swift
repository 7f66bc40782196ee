import Foundation

/// Why a model file could not be read or written.
public enum DemoModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)
    /// Not JSON, or JSON of another shape.
    case malformed(file: String, reason: String)
    /// A model file of another format version.
    case unsupportedVersion(file: String, found: Int, supported: Int)
    /// The weights do not fit the architecture the file names (or the one the caller needs).
    case architectureMismatch(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the model file (\(reason))"
        case let .unwritable(file, reason): return "\(file): cannot write the model file (\(reason))"
        case let .malformed(file, reason): return "\(file): not a cnn-tutor model file (\(reason))"
        case let .unsupportedVersion(file, found, supported):
            return "\(file): model file version \(found), this tutor reads version \(supported)"
        case let .architectureMismatch(file, reason): return "\(file): \(reason)"
        }
    }
}

extension DemoNetwork {
    /// The model file's format version; loading any other is a `DemoModelError.unsupportedVersion`.
    public static let fileVersion = 1
    static let fileFormat = "cnn-tutor demo network"

    struct FileLayer: Codable {
        var index: Int
        var name: String
        var weightShape: [Int]
        var weight: [Float]
        var biasShape: [Int]
        var bias: [Float]
    }

    struct File: Codable {
        var format: String
        var version: Int
        var architecture: DemoArchitecture
        var layers: String
        var parameters: [FileLayer]
    }

    /// The model as JSON: format name and version, architecture, and every weighted layer in
    /// PyTorch layout.
    public func jsonData() -> Data {
        let layers = Self.weightedLayers.compactMap { layerWeights($0) }.map {
            FileLayer(index: $0.layer, name: $0.name, weightShape: $0.weight.shape, weight: $0.weight.storage,
                      biasShape: $0.bias.shape, bias: $0.bias.storage)
        }
        let file = File(format: Self.fileFormat, version: Self.fileVersion, architecture: architecture,
                        layers: architecture.specification, parameters: layers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain numbers and strings cannot fail.
        return (try? encoder.encode(file)) ?? Data()
    }

    /// Writes `jsonData()` to `url`.
    public func save(to url: URL) throws(DemoModelError) {
        do {
            try jsonData().write(to: url, options: .atomic)
        } catch {
            throw .unwritable(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Reads a model file written by `save(to:)`.
    public init(contentsOf url: URL) throws(DemoModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        try self.init(jsonData: data, file: url.path)
    }

    /// Decodes a model from JSON; `file` names it in errors.
    public init(jsonData data: Data, file: String) throws(DemoModelError) {
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw .malformed(file: file, reason: "not a JSON object")
        }
        guard header.format == Self.fileFormat else {
            throw .malformed(file: file, reason: "format is \(header.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(Self.fileFormat)\"")
        }
        guard header.version == Self.fileVersion else {
            throw .unsupportedVersion(file: file, found: header.version ?? 0, supported: Self.fileVersion)
        }
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw .malformed(file: file, reason: "\(error)")
        }
        let a = decoded.architecture
        guard a.side >= 4, a.side % 4 == 0, a.hidden >= 8, a.hidden % 8 == 0 else {
            throw .architectureMismatch(file: file, reason: "unsupported architecture: side \(a.side), hidden \(a.hidden)")
        }
        var layers: [LayerWeights] = []
        for l in decoded.parameters {
            guard l.weightShape.reduce(1, *) == l.weight.count, l.biasShape.reduce(1, *) == l.bias.count,
                  l.weightShape.allSatisfy({ $0 > 0 }), l.biasShape.allSatisfy({ $0 > 0 }) else {
                throw .architectureMismatch(file: file, reason: "layer \(l.index) (\(l.name)): its shapes do not match its values")
            }
            guard l.weight.allSatisfy(\.isFinite), l.bias.allSatisfy(\.isFinite) else {
                throw .architectureMismatch(file: file, reason: "layer \(l.index) (\(l.name)) holds NaN or infinite weights")
            }
            layers.append(LayerWeights(layer: l.index, name: l.name, weight: Tensor(shape: l.weightShape, storage: l.weight),
                                       bias: Tensor(shape: l.biasShape, storage: l.bias)))
        }
        guard let network = DemoNetwork(architecture: a, layers: layers) else {
            throw .architectureMismatch(file: file, reason: "the weights do not fit the \(a.name) net (\(a.specification), input \(a.side)x\(a.side))")
        }
        self = network
    }
}
