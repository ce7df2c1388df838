/// True when `actual` agrees with `expected` to the given relative tolerance.
func close(_ actual: Double, _ expected: Double, relative: Double = 1e-10) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= relative * abs(expected)
}
