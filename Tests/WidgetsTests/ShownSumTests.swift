import Foundation
import Testing
import TinyCNN
import Widgets

/// A sum written out from rounded terms adds up as shown.
@Suite struct ShownSumTests {
    @Test func aCarriedRoundingShowsTheSumOfTheShownTermsAndTheUnroundedOne() {
        // 0.94 − 0.63 + 0.50 + 0.06 make 0.87, though the sum 0.875 rounds to 0.88.
        #expect(GridText.shownSum([0.9375, -0.625, 0.5, 0.0625], total: 0.875, termDecimals: 2, decimals: 2) == "0.87 (unrounded 0.875)")
        #expect(GridText.shownSum([1, -3, 2, 4], total: 4, termDecimals: 0, decimals: 2) == "4.00")
        #expect(GridText.shownSum([0.25, 0.5], total: 0.75, termDecimals: 2, decimals: 2) == "0.75")
        #expect(GridText.shownSum([], total: 0, termDecimals: 2, decimals: 2) == "0.00")
    }

    @Test func theShownSumIsAlwaysTheSumOfTheShownTerms() {
        var generator = SeededGenerator(seed: 5)
        for decimals in 0...3 {
            for _ in 0..<500 {
                let terms = (0..<Int.random(in: 1...9, using: &generator)).map { _ in Float.random(in: -2...2, using: &generator) }
                let total = terms.reduce(0, +)
                let text = GridText.shownSum(terms, total: total, termDecimals: decimals, decimals: decimals)
                let shownTerms = terms.map { Double(GridText.format($0, decimals: decimals)) ?? .nan }
                let first = Double(text.split(separator: " ")[0]) ?? .nan
                #expect(abs(first - shownTerms.reduce(0, +)) < 1e-9, "\(terms) at \(decimals): \(text)")
                if text.contains("unrounded") { #expect(GridText.format(total, decimals: decimals) != text.split(separator: " ")[0].description) }
            }
        }
    }
}
