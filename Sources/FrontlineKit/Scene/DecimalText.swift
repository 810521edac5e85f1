/// Numbers for map text ("1,069", "30.3") as ICU's decimal formatter writes them in en_US_POSIX with
/// "," grouping — the number's shortest decimal digits, rounded half to even at the last digit kept,
/// trailing zeros dropped — without starting ICU's number formatting (4 M instructions the first time).
enum DecimalText {
    /// nil for what is not a plain non-negative finite number (left to NumberFormatter).
    static func grouped(_ v: Double, fractionDigits: Int) -> String? {
        guard v.isFinite, v >= 0, v.sign == .plus, fractionDigits >= 0 else { return nil }
        let text = "\(v)"  // the shortest digits that read back as v
        guard !text.contains("e") else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var digits = Array(parts[0].utf8).map { Int($0) - 48 }
        let fraction = parts.count == 2 ? Array(parts[1].utf8).map { Int($0) - 48 } : []
        guard (digits + fraction).allSatisfy({ (0...9).contains($0) }) else { return nil }
        let integerCount = digits.count
        digits += fraction.prefix(fractionDigits)
        digits += Array(repeating: 0, count: integerCount + fractionDigits - digits.count)
        let rest = Array(fraction.dropFirst(fractionDigits))
        // Half to even: up past a half, or at an exact half when the last digit kept is odd.
        if let first = rest.first {
            let beyondHalf = first > 5 || (first == 5 && rest.dropFirst().contains { $0 != 0 })
            let exactHalf = first == 5 && !rest.dropFirst().contains { $0 != 0 }
            if beyondHalf || (exactHalf && (digits.last ?? 0) % 2 == 1) {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0) }
            }
        }
        let intCount = digits.count - fractionDigits
        var intDigits = Array(digits[..<intCount]), frac = Array(digits[intCount...])
        while frac.last == 0 { frac.removeLast() }
        while intDigits.count > 1 && intDigits.first == 0 { intDigits.removeFirst() }
        var out = ""
        for (k, d) in intDigits.enumerated() {
            if k > 0, (intDigits.count - k) % 3 == 0 { out += "," }
            out += String(d)
        }
        if !frac.isEmpty { out += "." + frac.map(String.init).joined() }
        return out
    }
}
