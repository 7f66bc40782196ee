import Foundation

extension DemoNetwork {
    /// The weights of layer `layer` (an index into `architecture.layerNames`) in PyTorch layout,
    /// or nil for a layer without weights.
    public func layerWeights(_ layer: Int) -> LayerWeights? {
        let L = architecture.layout
        let p = parameters
        let names = architecture.layerNames
        switch layer {
        case 0:
            var w = [Float](repeating: 0, count: L.b1 - L.w1)
            for o in 0..<8 { for t in 0..<9 { w[o * 9 + t] = p[L.w1 + t * 8 + o] } }
            return LayerWeights(layer: 0, name: names[0], weight: Tensor(shape: [8, 1, 3, 3], storage: w),
                                bias: Tensor(shape: [8], storage: Array(p[L.b1..<L.b1 + 8])))
        case 3:
            var w = [Float](repeating: 0, count: L.b2 - L.w2)
            for o in 0..<16 { for i in 0..<8 { for t in 0..<9 { w[(o * 8 + i) * 9 + t] = p[L.w2 + (t * 8 + i) * 16 + o] } } }
            return LayerWeights(layer: 3, name: names[3], weight: Tensor(shape: [16, 8, 3, 3], storage: w),
                                bias: Tensor(shape: [16], storage: Array(p[L.b2..<L.b2 + 16])))
        case 7:
            let F = L.features, H = L.hidden
            var w = [Float](repeating: 0, count: F * H)
            for j in 0..<H { for f in 0..<F { w[j * F + Self.channelFirst(f, s4: L.s4)] = p[L.w3 + f * H + j] } }
            return LayerWeights(layer: 7, name: names[7], weight: Tensor(shape: [H, F], storage: w),
                                bias: Tensor(shape: [H], storage: Array(p[L.b3..<L.b3 + H])))
        case 9:
            let H = L.hidden
            var w = [Float](repeating: 0, count: 10 * H)
            for k in 0..<10 { for j in 0..<H { w[k * H + j] = p[L.w4 + j * 10 + k] } }
            return LayerWeights(layer: 9, name: names[9], weight: Tensor(shape: [10, H], storage: w),
                                bias: Tensor(shape: [10], storage: Array(p[L.b4..<L.b4 + 10])))
        default:
            return nil
        }
    }

    /// A network from the four weighted layers' weights in PyTorch layout (the inverse of
    /// `layerWeights`), or nil when a shape does not fit `architecture`.
    public init?(architecture: DemoArchitecture, layers: [LayerWeights]) {
        let L = architecture.layout
        let shapes: [Int: ([Int], [Int])] = [
            0: ([8, 1, 3, 3], [8]), 3: ([16, 8, 3, 3], [16]),
            7: ([L.hidden, L.features], [L.hidden]), 9: ([10, L.hidden], [10]),
        ]
        var byLayer: [Int: LayerWeights] = [:]
        for l in layers { byLayer[l.layer] = l }
        for (layer, shape) in shapes {
            guard let l = byLayer[layer], l.weight.shape == shape.0, l.bias.shape == shape.1 else { return nil }
        }
        var p = [Float](repeating: 0, count: L.count)
        guard let c1 = byLayer[0], let c2 = byLayer[3], let d1 = byLayer[7], let d2 = byLayer[9] else { return nil }
        for o in 0..<8 { for t in 0..<9 { p[L.w1 + t * 8 + o] = c1.weight.storage[o * 9 + t] } }
        for o in 0..<16 { for i in 0..<8 { for t in 0..<9 { p[L.w2 + (t * 8 + i) * 16 + o] = c2.weight.storage[(o * 8 + i) * 9 + t] } } }
        let F = L.features, H = L.hidden
        for j in 0..<H { for f in 0..<F { p[L.w3 + f * H + j] = d1.weight.storage[j * F + Self.channelFirst(f, s4: L.s4)] } }
        for k in 0..<10 { for j in 0..<H { p[L.w4 + j * 10 + k] = d2.weight.storage[k * H + j] } }
        for (offset, tensor) in [(L.b1, c1.bias), (L.b2, c2.bias), (L.b3, d1.bias), (L.b4, d2.bias)] {
            for i in 0..<tensor.count { p[offset + i] = tensor.storage[i] }
        }
        self.init(architecture: architecture, parameters: p)
    }

    /// Maps a feature index in kernel order (y, x, channel) to PyTorch's flatten order (channel, y, x).
    static func channelFirst(_ f: Int, s4: Int) -> Int {
        let c = f % 16, pos = f / 16
        return c * s4 * s4 + pos
    }

    /// Every layer's output for one image (side × side pixels), in PyTorch layout (C×H×W for
    /// images, [n] for vectors), computed with plain loops straight from the PyTorch-layout
    /// weights: the reference the fused kernels are tested against, and what the UI shows.
    public func activations(of image: [Float]) -> [Tensor] {
        let s = architecture.side
        precondition(image.count == s * s, "DemoNetwork.activations: \(image.count) pixels for a \(s)x\(s) net")
        guard let c1 = layerWeights(0), let c2 = layerWeights(3), let d1 = layerWeights(7), let d2 = layerWeights(9) else {
            preconditionFailure("DemoNetwork: weighted layers missing")
        }
        let x = Tensor(shape: [1, s, s], storage: image)
        let z1 = Self.conv3x3(x, c1)
        let r1 = Self.relu(z1)
        let q1 = Self.pool2(r1)
        let z2 = Self.conv3x3(q1, c2)
        let r2 = Self.relu(z2)
        let q2 = Self.pool2(r2)
        let flat = q2.reshaped([q2.count])
        let h = Self.dense(flat, d1)
        let hr = Self.relu(h)
        let logits = Self.dense(hr, d2)
        return [z1, r1, q1, z2, r2, q2, flat, h, hr, logits]
    }

    /// The class probabilities for one image.
    public func probabilities(of image: [Float]) -> [Float] {
        guard let logits = activations(of: image).last else { return [] }
        return Self.softmax(logits.storage)
    }

    static func softmax(_ z: [Float]) -> [Float] {
        let m = z.max() ?? 0
        let e = z.map { expf($0 - m) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    static func conv3x3(_ x: Tensor, _ w: LayerWeights) -> Tensor {
        let (cin, h, wd) = (x.shape[0], x.shape[1], x.shape[2])
        let cout = w.weight.shape[0]
        var out = Tensor(shape: [cout, h, wd])
        for o in 0..<cout {
            for y in 0..<h {
                for xx in 0..<wd {
                    var acc = w.bias.storage[o]
                    for i in 0..<cin {
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let iy = y + ky - 1, ix = xx + kx - 1
                                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                acc += x.storage[(i * h + iy) * wd + ix] * w.weight.storage[((o * cin + i) * 3 + ky) * 3 + kx]
                            }
                        }
                    }
                    out.storage[(o * h + y) * wd + xx] = acc
                }
            }
        }
        return out
    }

    static func relu(_ x: Tensor) -> Tensor {
        Tensor(shape: x.shape, storage: x.storage.map { max($0, 0) })
    }

    static func pool2(_ x: Tensor) -> Tensor {
        let (c, h, w) = (x.shape[0], x.shape[1] / 2, x.shape[2] / 2)
        var out = Tensor(shape: [c, h, w])
        let iw = x.shape[2], ih = x.shape[1]
        for ch in 0..<c {
            for y in 0..<h {
                for xx in 0..<w {
                    let b = (ch * ih + 2 * y) * iw + 2 * xx
                    out.storage[(ch * h + y) * w + xx] = max(max(x.storage[b], x.storage[b + 1]),
                                                             max(x.storage[b + iw], x.storage[b + iw + 1]))
                }
            }
        }
        return out
    }

    static func dense(_ x: Tensor, _ w: LayerWeights) -> Tensor {
        let (n, m) = (w.weight.shape[0], w.weight.shape[1])
        var out = Tensor(shape: [n])
        for j in 0..<n {
            var acc = w.bias.storage[j]
            for i in 0..<m { acc += w.weight.storage[j * m + i] * x.storage[i] }
            out.storage[j] = acc
        }
        return out
    }
}
