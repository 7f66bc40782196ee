import Foundation
import TinyCNN

extension NetworkViewState {
    /// Enter: how the cell under the cursor was computed. A convolution cell opens the
    /// convolution lab on exactly that computation (the layer's real input maps, the learned
    /// kernel and bias, ReLU, the window at that cell), a pooling cell the pooling lab on its
    /// window of the map below; dense units and outputs open the explanation panel here.
    mutating func explainCursor() -> [Reply<NetworkViewRequest>] {
        guard let network, let test, !activations.isEmpty, sampleIndex < test.count else {
            return [.status("there is no trained \(dataset) network to explain yet: press t to train one")]
        }
        let image = Array(test.image(at: sampleIndex))
        let explanation = network.explain(cursor, image: image, activations: activations)
        switch explanation {
        case .pixel(let value):
            return [.status("an input pixel, \(CellExplanation.text(value)): the image itself, nothing computed; move to a layer to explain it")]
        case .convolution(let c):
            if let lab = Self.convolutionLab(for: c) { return [.delegate(.convolutionLabRequested(lab))] }
            panel = explanation
        case .pooling(let p):
            return [.delegate(.poolingLabRequested(Self.poolingLab(for: p)))]
        case .dense, .output, .flattened:
            panel = explanation
        }
        panelScroll = 0
        return []
    }

    /// The convolution lab on a convolution cell's computation: the layer's real input maps
    /// (all channels), the learned slices and bias, ReLU, the window at the cell.
    static func convolutionLab(for c: ConvolutionCellExplanation) -> ConvolutionLabState? {
        guard !c.inputs.isEmpty, c.inputs.count == c.slices.count else { return nil }
        let inputs = c.inputs.enumerated().map { LabGrid(name: c.inputs.count == 1 ? c.inputName : "\(c.inputName) map \($0.offset)", matrix: $0.element) }
        let kernels = c.slices.enumerated().map { LabGrid(name: "\(c.layerName) filter \(c.cell.channel)" + (c.slices.count == 1 ? "" : " slice \($0.offset)"), matrix: $0.element) }
        return ConvolutionLabState(inputs: inputs, kernels: kernels, stride: c.stride, padding: c.padding, bias: c.bias, relu: true,
                                   window: (c.cell.row, c.cell.column))
    }

    /// The pooling lab on a pooling cell's map (one channel of the layer below), at its window.
    static func poolingLab(for p: PoolingCellExplanation) -> PoolingLabState {
        var lab = PoolingLabState(input: LabGrid(name: "\(p.inputName) map \(p.cell.channel)", matrix: p.input),
                                  mode: .max, kernel: p.kernel, stride: p.stride)
        let index = p.cell.row * (lab.walk?.output.columns ?? 1) + p.cell.column
        lab.stepper.position = index
        lab.stepper.revealedThrough = index
        return lab
    }
}
