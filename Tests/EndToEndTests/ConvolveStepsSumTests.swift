import Foundation
import Testing
import TestSupport

/// `tutor convolve --steps`: every written-out sum adds up as printed.
@Test func everyPrintedSumOfTermsAddsUp() throws {
    let result = try TutorBinary.run(["convolve", "--input", "digit:3", "--kernel", "sobel-x", "--steps"])
    #expect(result.status == 0)
    let sums = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  sum = ") }
    #expect(sums.count == 36)
    var carried = 0
    for line in sums {
        // "  sum = 0.00 + 0.94 − 0.63 + ... = 0.87 (unrounded 0.875)"
        let body = line.dropFirst("  sum = ".count)
        let sides = body.components(separatedBy: " = ")
        #expect(sides.count == 2, "\(line)")
        let words = sides[0].replacingOccurrences(of: "− ", with: "-").replacingOccurrences(of: "−", with: "-")
            .replacingOccurrences(of: "+ ", with: "").split(separator: " ")
        let total = words.compactMap { Double($0) }.reduce(0, +)
        #expect(words.allSatisfy { Double($0) != nil }, "\(line)")
        let shown = Double(sides[1].split(separator: " ")[0]) ?? .nan
        #expect(abs(shown - total) < 1e-9, "\(line)")
        if sides[1].contains("unrounded") { carried += 1 }
    }
    #expect(carried > 0)
}
