import Foundation

/// Seeded data augmentation for digit images: a random shift of up to `maxShift` pixels in each
/// direction and a random rotation of up to `maxDegrees` about the image centre.
///
/// Both are done in one pass as an inverse mapping with bilinear sampling; pixels that come from
/// outside the image are 0 (the digits' background). The same generator state gives the same
/// images, so augmented training runs stay reproducible.
public struct Augmentation: Sendable, Equatable, Codable {
    /// The largest shift in pixels, per axis.
    public var maxShift: Int
    /// The largest rotation in degrees, either way.
    public var maxDegrees: Float

    /// The tutor's default: shifts up to 2 pixels, rotations up to 10 degrees.
    public static let standard = Augmentation(maxShift: 2, maxDegrees: 10)

    public init(maxShift: Int, maxDegrees: Float) {
        precondition(maxShift >= 0, "Augmentation: maxShift \(maxShift) must be >= 0")
        precondition(maxDegrees >= 0 && maxDegrees < 180, "Augmentation: maxDegrees \(maxDegrees) must be in 0..<180")
        self.maxShift = maxShift
        self.maxDegrees = maxDegrees
    }

    /// Writes a randomly shifted and rotated copy of `source` (`height * width` pixels) to `destination`.
    public func apply(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>,
                      height: Int, width: Int, using generator: inout some RandomNumberGenerator) {
        let dx = maxShift > 0 ? Int.random(in: -maxShift...maxShift, using: &generator) : 0
        let dy = maxShift > 0 ? Int.random(in: -maxShift...maxShift, using: &generator) : 0
        let degrees = maxDegrees > 0 ? Float.random(in: -maxDegrees...maxDegrees, using: &generator) : 0
        Augmentation.transform(source, to: destination, height: height, width: width,
                               shiftX: dx, shiftY: dy, degrees: degrees)
    }

    /// Shifts `source` by (`shiftX`, `shiftY`) pixels (right and down are positive) and rotates it
    /// by `degrees` (counter-clockwise on screen) about its centre.
    public static func transform(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>,
                                 height: Int, width: Int, shiftX: Int, shiftY: Int, degrees: Float) {
        let angle = degrees * .pi / 180
        let (c, s) = (Float(cos(Double(angle))), Float(sin(Double(angle))))
        let cy = Float(height - 1) / 2, cx = Float(width - 1) / 2
        for y in 0..<height {
            for x in 0..<width {
                // Undo the shift, then the rotation, to find where this output pixel comes from.
                let ux = Float(x - shiftX) - cx, uy = Float(y - shiftY) - cy
                let sx = c * ux - s * uy + cx
                let sy = s * ux + c * uy + cy
                destination[y * width + x] = sample(source, height: height, width: width, x: sx, y: sy)
            }
        }
    }

    /// Bilinear sample at (x, y); 0 outside the image.
    static func sample(_ image: UnsafePointer<Float>, height: Int, width: Int, x: Float, y: Float) -> Float {
        let x0f = x.rounded(.down), y0f = y.rounded(.down)
        let fx = x - x0f, fy = y - y0f
        let x0 = Int(x0f), y0 = Int(y0f)
        func pixel(_ px: Int, _ py: Int) -> Float {
            (px >= 0 && px < width && py >= 0 && py < height) ? image[py * width + px] : 0
        }
        let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
        let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
