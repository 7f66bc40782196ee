import Foundation
import Testing
@testable import TinyCNN

@Suite struct AugmentationTests {
    static let side = 5
    /// A 5×5 image with a distinct value in every pixel.
    static let image: [Float] = (0..<25).map { Float($0 + 1) / 25 }

    func transformed(dx: Int, dy: Int, degrees: Float) -> [Float] {
        var out = [Float](repeating: -1, count: 25)
        Self.image.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                Augmentation.transform(src.baseAddress!, to: dst.baseAddress!, height: 5, width: 5,
                                       shiftX: dx, shiftY: dy, degrees: degrees)
            }
        }
        return out
    }

    @Test func noShiftNoRotationIsTheIdentity() {
        #expect(transformed(dx: 0, dy: 0, degrees: 0) == Self.image)
    }

    @Test func shiftsMovePixelsAndFillWithZero() {
        for dx in -2...2 {
            for dy in -2...2 {
                let out = transformed(dx: dx, dy: dy, degrees: 0)
                for y in 0..<5 {
                    for x in 0..<5 {
                        let (sx, sy) = (x - dx, y - dy)
                        let expected: Float = (0..<5).contains(sx) && (0..<5).contains(sy) ? Self.image[sy * 5 + sx] : 0
                        #expect(out[y * 5 + x] == expected, "shift (\(dx), \(dy)) at (\(x), \(y))")
                    }
                }
            }
        }
    }

    @Test func aQuarterTurnRotatesAboutTheCentre() {
        let out = transformed(dx: 0, dy: 0, degrees: 90)
        // Counter-clockwise on screen (y down): the top-right corner moves to the top left, so
        // output (x, y) comes from input (4 - y, x).
        for y in 0..<5 {
            for x in 0..<5 {
                let expected = Self.image[x * 5 + (4 - y)]
                #expect(abs(out[y * 5 + x] - expected) < 1e-5, "(\(x), \(y)): \(out[y * 5 + x]) vs \(expected)")
            }
        }
    }

    @Test func randomAugmentationIsSeededAndBounded() {
        let augmentation = Augmentation(maxShift: 2, maxDegrees: 0)
        var seen = Set<[Float]>()
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        for _ in 0..<50 {
            var a = [Float](repeating: 0, count: 25), b = a
            Self.image.withUnsafeBufferPointer { src in
                a.withUnsafeMutableBufferPointer { augmentation.apply(src.baseAddress!, to: $0.baseAddress!, height: 5, width: 5, using: &g1) }
                b.withUnsafeMutableBufferPointer { augmentation.apply(src.baseAddress!, to: $0.baseAddress!, height: 5, width: 5, using: &g2) }
            }
            #expect(a == b, "same seed, same images")
            seen.insert(a)
            // Some shift of at most 2 in each direction reproduces it exactly.
            let matches = (-2...2).contains { dx in (-2...2).contains { dy in transformed(dx: dx, dy: dy, degrees: 0) == a } }
            #expect(matches)
        }
        #expect(seen.count > 10, "shifts vary: \(seen.count) distinct images")
    }
}

@Suite struct ScheduleTests {
    @Test func schedulesGiveTheirRates() {
        #expect(LearningRateSchedule.constant.rate(base: 0.1, step: 77, totalSteps: 100, epoch: 3) == 0.1)
        let step = LearningRateSchedule.step(epochs: 3, gamma: 0.5)
        #expect([0, 2, 3, 5, 6, 9].map { step.rate(base: 0.08, step: 0, totalSteps: 1, epoch: $0) } == [0.08, 0.08, 0.04, 0.04, 0.02, 0.01])
        let cosine = LearningRateSchedule.cosine(floor: 0.1)
        #expect(cosine.rate(base: 1, step: 0, totalSteps: 101, epoch: 0) == 1)
        #expect(abs(cosine.rate(base: 1, step: 50, totalSteps: 101, epoch: 0) - 0.55) < 1e-6)
        #expect(abs(cosine.rate(base: 1, step: 100, totalSteps: 101, epoch: 0) - 0.1) < 1e-6)
        #expect(abs(cosine.rate(base: 1, step: 25, totalSteps: 101, epoch: 0) - Float(0.1 + 0.9 * 0.5 * (1 + cos(Double.pi / 4)))) < 1e-6)
    }

    @Test func vectorSquareRootIsAccurate() {
        var worst: Float = 0
        var x: Float = 1e-30
        while x < 1e30 {
            for m: Float in [1, 1.37, 2, 2.9, 5.5, 7.77] {
                let v = x * m
                let r = sqrt8(V8(repeating: v))[0]
                let exact = Float(Double(v).squareRoot())
                worst = max(worst, abs(r - exact) / exact)
            }
            x *= 10
        }
        #expect(worst < 4e-7, "worst relative error \(worst)")
        #expect(sqrt8(.zero) == .zero)
    }
}
