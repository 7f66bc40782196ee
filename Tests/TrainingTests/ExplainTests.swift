import Foundation
import Testing
@testable import TinyCNN

/// `DemoNetwork.explain` and `DemoArchitecture.receptiveField`: every explained number is the
/// forward pass's, and every field is the one worked out by hand.
@Suite struct ExplainTests {
    /// A net of `architecture` with every parameter (biases too) nonzero, and an image.
    static func netAndImage(_ architecture: DemoArchitecture, seed: UInt64) -> (DemoNetwork, [Float]) {
        var net = DemoNetwork(architecture: architecture, seed: seed)
        var g = SeededGenerator(seed: seed &+ 99)
        for i in net.parameters.indices { net.parameters[i] += (g.nextUnitFloat() - 0.5) * 0.2 }
        let image = (0..<(architecture.side * architecture.side)).map { _ in g.nextUnitFloat() }
        return (net, image)
    }

    /// `count` seeded cells of layer `layer` (all of them when there are fewer).
    static func cells(of architecture: DemoArchitecture, layer: Int, count: Int, seed: UInt64) -> [NetworkCell] {
        let shape = architecture.shape(ofLayer: layer)
        var g = SeededGenerator(seed: seed &+ UInt64(layer + 1))
        return (0..<count).map { _ in
            if shape.count == 3 {
                return NetworkCell(layer: layer, channel: Int(g.next() % UInt64(shape[0])), row: Int(g.next() % UInt64(shape[1])),
                                   column: Int(g.next() % UInt64(shape[2])))
            }
            return NetworkCell(layer: layer, unit: Int(g.next() % UInt64(shape[0])))
        }
    }

    static func close(_ a: Float, _ b: Float, _ tolerance: Float = 1e-5) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: [DemoArchitecture.digits, .mnist])
    func everyExplainedCellIsTheForwardPassValue(_ architecture: DemoArchitecture) {
        let (net, image) = Self.netAndImage(architecture, seed: 5)
        let forward = net.activations(of: image)
        // An independent path: the same weights in a Sequential of Conv2D/MaxPool2D/Dense layers.
        let sequential = net.sequential().activations(for: Tensor(shape: [1, architecture.side, architecture.side], storage: image))
        #expect(sequential.count == forward.count)
        for layer in -1..<architecture.layers.count {
            for cell in Self.cells(of: architecture, layer: layer, count: 20, seed: 11) {
                let explanation = net.explain(cell, image: image)
                let index = architecture.flatIndex(of: cell)
                let truth = layer == -1 ? image[index] : forward[layer].storage[index]
                #expect(Self.close(explanation.value, truth), "\(architecture.name) \(architecture.layerName(layer)) \(cell): \(explanation.value) vs \(truth)")
                if layer >= 0 {
                    let other = sequential[layer].storage[index]
                    #expect(Self.close(explanation.value, other, 1e-4), "\(architecture.name) \(architecture.layerName(layer)) \(cell) vs Sequential \(other)")
                }
                switch explanation {
                case .convolution(let c):
                    // Every channel below is there, and the partial sums add up to the value.
                    let below = architecture.shape(ofLayer: c.layer - 1)[0]
                    #expect(c.inputs.count == below && c.slices.count == below && c.partials.count == below)
                    #expect(Self.close(c.partials.reduce(0, +) + c.bias, c.preActivation))
                    #expect(c.activated == max(0, c.preActivation))
                    for i in c.partials.indices { #expect(Self.close(c.products[i].values.reduce(0, +), c.partials[i])) }
                case .pooling(let p):
                    #expect(p.window.values.max() == p.value && p.window[p.maxRow, p.maxColumn] == p.value)
                case .dense(let d):
                    #expect(d.top.count == min(10, d.top.count + d.restCount))
                    #expect(Self.close(d.top.reduce(0) { $0 + $1.product } + d.restSum + d.bias, d.total, 1e-4))
                    #expect(zip(d.top, d.top.dropFirst()).allSatisfy { abs($0.product) >= abs($1.product) })
                case .output(let o):
                    let probabilities = net.probabilities(of: image)
                    #expect(abs(o.probability - Double(probabilities[cell.unit])) <= 1e-5)
                    #expect(abs(o.probabilities.reduce(0, +) - 1) <= 1e-9)
                case .flattened(let source, let value):
                    #expect(forward[source.layer].storage[architecture.flatIndex(of: source)] == value)
                case .pixel:
                    #expect(layer == -1)
                }
            }
        }
    }

    @Test func aConv2CellShowsAllEightMapsOfPool1() {
        let (net, image) = Self.netAndImage(.digits, seed: 2)
        guard case .convolution(let c) = net.explain(NetworkCell(layer: 3, channel: 5, row: 1, column: 0), image: image) else {
            Issue.record("conv2 is a convolution"); return
        }
        #expect(c.inputs.count == 8 && c.inputs.allSatisfy { $0.rows == 4 && $0.columns == 4 } && c.inputName == "pool1")
        // Column 0: the window's left column lies on the padding.
        #expect(c.patches.allSatisfy { p in (0..<3).allSatisfy { p[$0, 0] == 0 } })
        let weights = net.layerWeights(3)!
        #expect(c.slices[7].values == Array(weights.weight.storage[((5 * 8 + 7) * 9)..<((5 * 8 + 8) * 9)]) && c.bias == weights.bias.storage[5])
        let text = CellExplanation.convolution(c).lines()
        #expect(text[0].hasPrefix("conv2 map 5 at row 1, column 0 = "))
        #expect(text.contains { $0.hasPrefix("Σ partials ") })
    }

    @Test func anOutputExplainsTheSoftmax() {
        let (net, image) = Self.netAndImage(.digits, seed: 4)
        let e = net.explain(NetworkCell(layer: 9, unit: 3), image: image)
        guard case .output(let o) = e else { Issue.record("dense2 is the output"); return }
        #expect(o.exponentials.count == 10 && abs(o.sum - o.exponentials.reduce(0, +)) <= 1e-12)
        #expect(abs(o.exponentials[3] - exp(Double(o.logits[3]))) <= 1e-9 * o.exponentials[3])
        #expect(e.lines().contains { $0.hasPrefix("P(3) = ") })
        // Logits beyond exp's range are shifted by the largest first: still probabilities.
        let huge = DemoNetwork.softmax(o.logit, logits: [1000, 999] + Array(repeating: -5, count: 8))
        #expect(huge.shift == 1000 && huge.probabilities.allSatisfy(\.isFinite) && abs(huge.probabilities[0] - 1 / (1 + exp(-1))) < 1e-9)
    }

    /// Receptive fields on the input, worked out by hand, going down from one cell: conv1 sees
    /// 3×3 pixels; pool1 takes 2×2 of conv1 whose fields overlap: 2 + 2 = 4; conv2 takes 3×3 of
    /// pool1 = 6×6 of conv1 = 6 + 2 = 8; pool2 takes 2×2 of conv2 = 4×4 of pool1 = 8×8 of conv1
    /// = 8 + 2 = 10; dense units see the whole image.
    @Test(arguments: [DemoArchitecture.digits, .mnist])
    func receptiveFieldSizesMatchTheHandTable(_ architecture: DemoArchitecture) {
        let s = architecture.side
        let table: [String: Int] = ["input": 1, "conv1": 3, "relu1": 3, "pool1": 4, "conv2": 8, "relu2": 8, "pool2": 10,
                                    "flatten": s, "dense1": s, "relu3": s, "dense2": s]
        for layer in -1..<architecture.layers.count {
            let name = architecture.layerName(layer)
            let shape = architecture.shape(ofLayer: layer)
            // A cell away from the border (or unit 0 of a vector layer).
            let cell = shape.count == 3 ? NetworkCell(layer: layer, channel: 0, row: shape[1] / 2, column: shape[2] / 2) : NetworkCell(layer: layer, unit: 0)
            let field = architecture.receptiveField(of: cell)
            let input = field.input!
            let expected = table[name]!
            #expect(input.nominal.height == expected && input.nominal.width == expected,
                    "\(architecture.name) \(name): nominal \(input.nominal), hand table \(expected)")
            if expected <= s && shape.count == 3 && s == 28 {
                #expect(input.height == expected && input.width == expected, "\(name) unclipped on 28×28")
            }
        }
        // The issue's example: digits conv2 at (0, 0) is cut by the border to 5×5 of the input.
        let corner = architecture.receptiveField(of: NetworkCell(layer: 3, channel: 5, row: 0, column: 0))
        #expect(corner.input?.rows == 0...4 && corner.input?.columns == 0...4)
        #expect(corner.summary == "5×5 pixels of the input (8×8 without the border)")
        // Intermediate maps: conv2 reaches all 8 maps of pool1 and conv1, a pool only its own channel.
        #expect(corner.region(on: 2)?.channel == nil && corner.region(on: 2)?.rows == 0...1 && corner.region(on: 0)?.rows == 0...3)
        let pool = architecture.receptiveField(of: NetworkCell(layer: 2, channel: 6, row: 1, column: 1))
        #expect(pool.region(on: 0)?.channel == 6 && pool.region(on: 0)?.rows == 2...3 && pool.input?.rows == 1...4)
    }

    /// Changing a pixel outside a cell's field never changes the cell: checked pixel by pixel.
    @Test func noPixelOutsideTheFieldMovesTheCell() {
        let (net, image) = Self.netAndImage(.digits, seed: 9)
        let a = DemoArchitecture.digits
        for layer in [0, 2, 3, 5] {
            for cell in Self.cells(of: a, layer: layer, count: 6, seed: 3) {
                let field = a.receptiveField(of: cell).input!
                let before = net.explain(cell, image: image).value
                var moved = 0
                for p in 0..<64 {
                    var changed = image
                    changed[p] += 5
                    let after = net.explain(cell, image: changed).value
                    if after != before {
                        moved += 1
                        #expect(field.covers(channel: 0, row: p / 8, column: p % 8), "\(a.layerName(layer)) \(cell): pixel \(p) moves it")
                    }
                }
                _ = moved
            }
        }
    }
}
