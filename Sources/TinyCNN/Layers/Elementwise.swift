/// Shared plumbing of the element-wise activations: run `body` over `input` into `output`
/// (resized to match), through raw pointers.
@inline(__always)
func mapElements(_ input: Tensor, into output: inout Tensor,
                 _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
    output.resize(to: input.shape)
    input.storage.withUnsafeBufferPointer { x in
        output.storage.withUnsafeMutableBufferPointer { y in
            if x.count > 0 { body(x.start, y.start, x.count) }
        }
    }
}

/// Shared plumbing of the activations' backward: `gradient = outputGradient ⊙ f′`, where
/// `body` reads the cached output and the output gradient.
@inline(__always)
func backwardElements(_ outputGradient: Tensor, output: Tensor, into inputGrad: inout Tensor,
                      _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
    precondition(outputGradient.shape == output.shape,
                 "Backward expects a gradient of shape \(output.shape), got \(outputGradient.shape)")
    inputGrad.resize(to: output.shape)
    outputGradient.storage.withUnsafeBufferPointer { g in
        output.storage.withUnsafeBufferPointer { y in
            inputGrad.storage.withUnsafeMutableBufferPointer { d in
                if g.count > 0 { body(g.start, y.start, d.start, g.count) }
            }
        }
    }
}
