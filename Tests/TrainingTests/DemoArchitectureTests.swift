import Testing
@testable import TinyCNN

/// The demo nets' one definition (`DemoArchitecture.layers`): everything derived from it is what
/// the fused kernels, model files and the screens were written against.
@Suite struct DemoArchitectureTests {
    @Test func theParameterLayoutFollowsTheLayers() {
        for architecture in [DemoArchitecture.digits, .mnist] {
            let L = architecture.layout
            // conv1 8×1×3×3 + 8, conv2 16×8×3×3 + 16, then the dense layers.
            #expect((L.w1, L.b1, L.w2, L.b2, L.w3) == (0, 72, 80, 1232, 1248), "\(architecture.name)")
            #expect(L.b3 == L.w3 + L.features * L.hidden && L.w4 == L.b3 + L.hidden && L.b4 == L.w4 + L.hidden * 10)
            #expect(L.count == L.b4 + 10)
        }
        #expect(DemoArchitecture.digits.layout.count == 3_658 && DemoArchitecture.mnist.layout.count == 52_138)
        #expect(DemoNetwork(architecture: .mnist, seed: 1).parameterCount == 52_138)
    }

    @Test func namesShapesAndTheSpecComeFromTheLayers() {
        let digits = DemoArchitecture.digits
        #expect(digits.layerNames == ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "dense1", "relu3", "dense2"])
        #expect(digits.layerOutputShapes == [[8, 8, 8], [8, 8, 8], [8, 4, 4], [16, 4, 4], [16, 4, 4], [16, 2, 2], [64], [32], [32], [10]])
        #expect(digits.specification == "conv 8 3 pad 1, relu, pool 2, conv 16 3 pad 1, relu, pool 2, flatten, dense 32, relu, dense 10")
        #expect(DemoNetwork.weightedLayers == [0, 3, 7, 9])
        #expect(DemoArchitecture.mnist.layerOutputShapes[6] == [DemoArchitecture.mnist.features])
        // The spec parses to a Sequential with the same parameter count.
        for architecture in [DemoArchitecture.digits, .mnist] {
            let s = architecture.side, s2 = s / 2
            #expect(architecture.forwardMACs == s * s * 8 * 9 + s2 * s2 * 16 * 72 + architecture.features * architecture.hidden + architecture.hidden * 10)
            let conv1 = s * s * 8 * 9, conv2 = s2 * s2 * 16 * 72, dense = architecture.features * architecture.hidden + architecture.hidden * 10
            #expect(architecture.trainingFLOPs == 2 * (2 * conv1 + 3 * conv2 + 3 * dense))
        }
    }
}
