import TinyCNN

/// `tutor explain --json`: the cell, its computation, the forward pass's value and its field.
struct ExplainRecord: Encodable {
    struct Field: Encodable {
        var layer: String
        var channel: Int?
        var rows: [Int]
        var columns: [Int]
        var nominal: [Int]
    }

    struct Convolution: Encodable {
        var inputLayer: String
        var inputs: [[[Float]]]
        var slices: [[[Float]]]
        var patches: [[[Float]]]
        var products: [[[Float]]]
        var partials: [Float]
        var bias: Float
        var padding: Int
        var stride: Int
        var preActivation: Float
        var activation: Float
    }

    struct Pooling: Encodable {
        var inputLayer: String
        var window: [[Float]]
        var maxRow: Int
        var maxColumn: Int
    }

    struct Contribution: Encodable {
        var index: Int
        var source: String
        var input: Float
        var weight: Float
        var product: Float
    }

    struct Dense: Encodable {
        var inputLayer: String
        var top: [Contribution]
        var restCount: Int
        var restSum: Float
        var bias: Float
        var total: Float
        var activation: Float?
    }

    struct Softmax: Encodable {
        var logits: [Float]
        var shift: Float
        var exponentials: [Double]
        var sum: Double
        var probabilities: [Double]
    }

    var dataset: String
    var sample: Int
    var label: Int
    var network: String
    var layer: String
    var kind: String
    var channel: Int?
    var row: Int?
    var col: Int?
    var unit: Int?
    /// The explanation's value, and the forward pass's value of the same cell.
    var value: Float
    var forward: Float
    var receptiveField: [Field]
    var receptiveFieldSummary: String
    var lines: [String]
    var convolution: Convolution?
    var pooling: Pooling?
    var dense: Dense?
    var softmax: Softmax?
    var copiedFrom: [String: Int]?

    init(dataset: String, sample: Int, label: Int, cell: NetworkCell, architecture a: DemoArchitecture,
         explanation: CellExplanation, forward: Float, field: ReceptiveField) {
        self.dataset = dataset
        self.sample = sample
        self.label = label
        network = a.name
        layer = a.layerName(cell.layer)
        let isMap = a.shape(ofLayer: cell.layer).count == 3
        (channel, row, col, unit) = isMap ? (cell.channel, cell.row, cell.column, nil) : (nil, nil, nil, cell.unit)
        value = explanation.value
        self.forward = forward
        receptiveField = field.regions.map {
            Field(layer: a.layerName($0.layer), channel: $0.channel, rows: [$0.rows.lowerBound, $0.rows.upperBound],
                  columns: [$0.columns.lowerBound, $0.columns.upperBound], nominal: [$0.nominal.height, $0.nominal.width])
        }
        receptiveFieldSummary = field.summary
        lines = explanation.lines()
        func dense(_ d: DenseUnitExplanation) -> Dense {
            Dense(inputLayer: d.inputName, top: d.top.map { Contribution(index: $0.index, source: $0.source, input: $0.input, weight: $0.weight, product: $0.product) },
                  restCount: d.restCount, restSum: d.restSum, bias: d.bias, total: d.total, activation: d.hasReLU ? d.activated : nil)
        }
        switch explanation {
        case .pixel:
            kind = "pixel"
        case .flattened(let source, _):
            kind = "flatten"
            copiedFrom = ["channel": source.channel, "row": source.row, "col": source.column]
        case .convolution(let c):
            kind = "convolution"
            convolution = Convolution(inputLayer: c.inputName, inputs: c.inputs.map(\.nested), slices: c.slices.map(\.nested),
                                      patches: c.patches.map(\.nested), products: c.products.map(\.nested), partials: c.partials,
                                      bias: c.bias, padding: c.padding, stride: c.stride, preActivation: c.preActivation, activation: c.activated)
        case .pooling(let p):
            kind = "pooling"
            pooling = Pooling(inputLayer: p.inputName, window: p.window.nested, maxRow: p.maxRow, maxColumn: p.maxColumn)
        case .dense(let d):
            kind = "dense"
            self.dense = dense(d)
        case .output(let o):
            kind = "output"
            self.dense = dense(o.logit)
            softmax = Softmax(logits: o.logits, shift: o.shift, exponentials: o.exponentials, sum: o.sum, probabilities: o.probabilities)
        }
    }
}
