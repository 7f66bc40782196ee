import Foundation

/// A saved model: architecture and weights as JSON.
///
/// ```json
/// {"format": "cnn-tutor-model", "version": 1, "spec": "conv 8 3 pad 1, relu, …",
///  "inputShape": [1, 8, 8], "weights": [{"layer": 1, "name": "weight", "shape": [8, 1, 3, 3], "values": [...]}],
///  "metadata": {"dataset": "digits"}}
/// ```
///
/// Weights are listed layer by layer (1-based layer numbers as in the spec), learnable
/// parameters first, then saved state such as BatchNorm's running statistics. Values are
/// written with enough digits to read back bit for bit.
public struct ModelFile: Codable, Sendable, Equatable {
    /// The value of `format` in every model file.
    public static let formatName = "cnn-tutor-model"
    /// The version this build writes and reads.
    public static let currentVersion = 1

    /// One saved tensor.
    public struct Weight: Codable, Sendable, Equatable {
        public var layer: Int
        public var name: String
        public var shape: [Int]
        public var values: [Float]
    }

    public var format: String
    public var version: Int
    public var spec: String
    public var inputShape: [Int]
    public var weights: [Weight]
    /// Free-form notes (data set, accuracy, date); optional.
    public var metadata: [String: String]?

    /// The file for `model`'s current weights.
    public init(model: Sequential, metadata: [String: String]? = nil) {
        format = ModelFile.formatName
        version = ModelFile.currentVersion
        spec = model.spec.description
        inputShape = model.inputShape
        weights = []
        for (offset, layer) in model.layers.enumerated() {
            for p in layer.parameters + layer.buffers {
                weights.append(Weight(layer: offset + 1, name: p.name, shape: p.value.shape, values: p.value.storage))
            }
        }
        self.metadata = metadata
    }

    /// The JSON text.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}

/// Why a model file could not be loaded. Every case names the file.
public enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAModelFile(path: String, reason: String)
    case unsupportedVersion(path: String, found: Int)
    case invalidSpec(path: String, error: ModelSpecError)
    case invalidShape(path: String, error: ShapeError)
    case architectureMismatch(path: String, expected: String, found: String)
    case weightsMismatch(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read the model file: \(reason)"
        case let .notAModelFile(path, reason): return "\(path): not a cnn-tutor model file (\(reason))"
        case let .unsupportedVersion(path, found):
            return "\(path): model file version \(found) is not supported (this tutor reads version \(ModelFile.currentVersion))"
        case let .invalidSpec(path, error): return "\(path): invalid architecture: \(error)"
        case let .invalidShape(path, error): return "\(path): invalid architecture: \(error)"
        case let .architectureMismatch(path, expected, found):
            return "\(path): the file holds a different architecture ('\(found)'), expected '\(expected)'"
        case let .weightsMismatch(path, reason): return "\(path): weights do not match the architecture: \(reason)"
        }
    }
}

extension Sequential {
    /// Writes the architecture and weights to `url` as JSON.
    public func save(to url: URL, metadata: [String: String]? = nil) throws {
        try ModelFile(model: self, metadata: metadata).encoded().write(to: url, options: .atomic)
    }

    /// Builds the model a file describes, with its weights.
    public static func load(from url: URL) throws(ModelFileError) -> Sequential {
        let file = try ModelFile.read(from: url)
        return try Sequential(file: file, path: url.path)
    }

    /// A model from a decoded file; `path` names it in errors.
    public convenience init(file: ModelFile, path: String) throws(ModelFileError) {
        let spec: ModelSpec
        do { spec = try ModelSpec(parsing: file.spec) } catch { throw .invalidSpec(path: path, error: error) }
        var generator = SeededGenerator(seed: 0)
        do {
            try self.init(spec: spec, inputShape: file.inputShape, generator: &generator)
        } catch {
            throw .invalidShape(path: path, error: error)
        }
        try assignWeights(from: file, path: path)
    }

    /// Replaces this model's weights with a file's; the file must hold the same architecture.
    public func loadWeights(from url: URL) throws(ModelFileError) {
        let file = try ModelFile.read(from: url)
        let found = (try? ModelSpec(parsing: file.spec))?.description ?? file.spec
        guard found == spec.description, ModelSpec.normalizedInputShape(file.inputShape) == inputShape else {
            throw .architectureMismatch(path: url.path, expected: "\(spec) for \(formatShape(inputShape))",
                                        found: "\(found) for \(formatShape(file.inputShape))")
        }
        try assignWeights(from: file, path: url.path)
    }

    private func assignWeights(from file: ModelFile, path: String) throws(ModelFileError) {
        var expected: [(layer: Int, parameter: Parameter)] = []
        for (offset, layer) in layers.enumerated() {
            for p in layer.parameters + layer.buffers { expected.append((offset + 1, p)) }
        }
        guard expected.count == file.weights.count else {
            throw .weightsMismatch(path: path, reason: "expected \(expected.count) tensors, found \(file.weights.count)")
        }
        // Check everything before writing anything, so a bad file leaves the model untouched.
        for (slot, weight) in zip(expected, file.weights) {
            let shape = slot.parameter.value.shape
            guard weight.layer == slot.layer, weight.name == slot.parameter.name else {
                throw .weightsMismatch(path: path, reason: "expected layer \(slot.layer) \(slot.parameter.name), found layer \(weight.layer) \(weight.name)")
            }
            guard weight.shape == shape, weight.values.count == shape.reduce(1, *) else {
                throw .weightsMismatch(path: path, reason: "layer \(slot.layer) \(weight.name) should be \(formatShape(shape)) (\(shape.reduce(1, *)) values), found \(formatShape(weight.shape)) with \(weight.values.count) values")
            }
        }
        for (slot, weight) in zip(expected, file.weights) {
            slot.parameter.value = Tensor(shape: weight.shape, storage: weight.values)
        }
        zeroGradients()
    }
}

extension ModelFile {
    /// Reads and checks the envelope (format and version) of a model file.
    /// Only a regular file of at most `Limits.modelFileBytes` is read; the architecture it
    /// names is checked against `Limits` before any weight is allocated.
    public static func read(from url: URL) throws(ModelFileError) -> ModelFile {
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw .unreadable(path: url.path, reason: info.st_mode & S_IFMT == S_IFDIR ? "it is a directory" : "not a regular file")
            }
            guard info.st_size <= Int64(Limits.modelFileBytes) else {
                throw .unreadable(path: url.path, reason: "\(info.st_size) bytes, over the limit of \(Limits.modelFileBytes) bytes")
            }
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "\(error.localizedDescription)" : "no such file"
            throw .unreadable(path: url.path, reason: reason)
        }
        return try decode(data, path: url.path)
    }

    /// Decodes model JSON; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws(ModelFileError) -> ModelFile {
        struct Envelope: Decodable { var format: String?; var version: Int? }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data) else {
            throw .notAModelFile(path: path, reason: "not a JSON object")
        }
        guard envelope.format == formatName else {
            throw .notAModelFile(path: path, reason: envelope.format.map { "format is '\($0)'" } ?? "no \"format\" field")
        }
        guard let version = envelope.version else { throw .notAModelFile(path: path, reason: "no \"version\" field") }
        guard version == currentVersion else { throw .unsupportedVersion(path: path, found: version) }
        do {
            return try JSONDecoder().decode(ModelFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .notAModelFile(path: path, reason: "no \"\(key.stringValue)\" field")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .notAModelFile(path: path, reason: "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw .notAModelFile(path: path, reason: "malformed contents")
        }
    }
}
