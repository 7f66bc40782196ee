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
    /// The computation, as TinyCNN explains it (one of these, by `kind`).
    var convolution: ConvolutionCellExplanation?
    var pooling: PoolingCellExplanation?
    var dense: DenseUnitExplanation?
    var output: OutputExplanation?
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
        switch explanation {
        case .pixel:
            kind = "pixel"
        case .flattened(let source, _):
            kind = "flatten"
            copiedFrom = ["channel": source.channel, "row": source.row, "col": source.column]
        case .convolution(let c):
            kind = "convolution"
            convolution = c
        case .pooling(let p):
            kind = "pooling"
            pooling = p
        case .dense(let d):
            kind = "dense"
            dense = d
        case .output(let o):
            kind = "output"
            output = o
        }
    }
}
