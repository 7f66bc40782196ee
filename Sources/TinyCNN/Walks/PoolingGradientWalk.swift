/// The backward pass of one pooling layer on one map, laid out for teaching.
///
/// Pooling has no weights, so its backward pass only routes each output cell's gradient back
/// to the input cells of its window:
/// - **max pooling** sends all of it to the window's maximum (the first one in reading order on
///   ties, as PyTorch does) and nothing to the rest;
/// - **average pooling** spreads it evenly: each cell of a `k×k` window gets `1/k²` of it
///   (padding cells count in the `k²` and their share is dropped, as the forward average
///   counted them).
///
/// Where windows overlap (stride < kernel) an input cell collects from each window that
/// routed to it.
public struct PoolingGradientWalk: Sendable, Equatable {
    /// One share of an output cell's gradient reaching one input cell.
    public struct Route: Sendable, Equatable {
        public var outputRow: Int
        public var outputColumn: Int
        /// The input cell, unpadded.
        public var inputRow: Int
        public var inputColumn: Int
        /// `dL/dY[outputRow, outputColumn]`.
        public var upstream: Float
        /// The fraction passed on: 1 for the maximum, `1/k²` for an average.
        public var share: Float
        /// `upstream · share`.
        public var amount: Float
    }

    /// One input cell's gradient with the routes that make it.
    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int
        /// In reading order of the windows.
        public var routes: [Route]
        public var value: Float
    }

    /// The forward pass the gradient goes back through.
    public let forward: PoolingWalk
    public let upstream: Matrix
    /// Per window, in reading order: where its gradient went (one route for max pooling).
    public let windows: [[Route]]
    /// Every input cell in reading order.
    public let cells: [Cell]
    /// `dL/dX`.
    public let inputGradient: Matrix

    /// Computes the walk, or says why the upstream gradient does not fit the pooling's output.
    public init(forward: PoolingWalk, upstream: Matrix) throws(WalkError) {
        guard upstream.rows == forward.output.rows, upstream.columns == forward.output.columns else {
            throw WalkError("the upstream gradient is \(upstream.sizeDescription) but the pooling's output is \(forward.output.sizeDescription)")
        }
        let input = forward.input, k = forward.kernel
        let share: Float = forward.mode == .max ? 1 : 1 / Float(k * k)
        var windows: [[Route]] = []
        windows.reserveCapacity(forward.steps.count)
        var incoming = [[Route]](repeating: [], count: input.rows * input.columns)
        for step in forward.steps {
            let g = upstream[step.row, step.column]
            var routes: [Route] = []
            for i in 0..<k {
                for j in 0..<k {
                    guard step.window[i][j] != nil else { continue }
                    if forward.mode == .max && (i != step.maxRow || j != step.maxColumn) { continue }
                    let y = step.originRow + i - forward.padding, x = step.originColumn + j - forward.padding
                    let route = Route(outputRow: step.row, outputColumn: step.column, inputRow: y, inputColumn: x,
                                      upstream: g, share: share, amount: g * share)
                    routes.append(route)
                    incoming[y * input.columns + x].append(route)
                }
            }
            windows.append(routes)
        }
        var cells: [Cell] = []
        cells.reserveCapacity(incoming.count)
        var values: [Float] = []
        values.reserveCapacity(incoming.count)
        for (index, routes) in incoming.enumerated() {
            var sum: Float = 0
            for r in routes { sum += r.amount }
            values.append(sum)
            cells.append(Cell(row: index / input.columns, column: index % input.columns, routes: routes, value: sum))
        }
        self.forward = forward
        self.upstream = upstream
        self.windows = windows
        self.cells = cells
        self.inputGradient = Matrix(rows: input.rows, columns: input.columns, values: values)
    }
}
