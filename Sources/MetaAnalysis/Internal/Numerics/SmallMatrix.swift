import Foundation

/// A small dense square matrix (p × p with p = number of model coefficients, 1 or 2 here).
struct SmallMatrix: Equatable {
    let size: Int
    var values: [Double]   // row-major

    init(size: Int, values: [Double]) {
        precondition(values.count == size * size)
        self.size = size
        self.values = values
    }

    static func zero(_ size: Int) -> SmallMatrix {
        SmallMatrix(size: size, values: [Double](repeating: 0, count: size * size))
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * size + column] }
        set { values[row * size + column] = newValue }
    }

    static func * (lhs: SmallMatrix, rhs: SmallMatrix) -> SmallMatrix {
        var result = SmallMatrix.zero(lhs.size)
        for i in 0..<lhs.size {
            for j in 0..<lhs.size {
                var sum = 0.0
                for m in 0..<lhs.size { sum += lhs[i, m] * rhs[m, j] }
                result[i, j] = sum
            }
        }
        return result
    }

    func times(_ vector: [Double]) -> [Double] {
        (0..<size).map { i in (0..<size).reduce(0) { $0 + self[i, $1] * vector[$1] } }
    }

    var trace: Double { (0..<size).reduce(0) { $0 + self[$1, $1] } }

    /// The inverse of a symmetric positive-definite matrix (XᵀWX), or nil when it is singular or so
    /// ill-conditioned that the model is not identifiable (e.g. a constant moderator). The check is
    /// made on the matrix scaled to a unit diagonal, so it does not depend on the moderator's units.
    func inverse() -> SmallMatrix? {
        let n = size
        var scale = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard self[i, i] > 0, self[i, i].isFinite else { return nil }
            scale[i] = 1 / self[i, i].squareRoot()
        }
        var a = self
        for i in 0..<n { for j in 0..<n { a[i, j] *= scale[i] * scale[j] } }
        var inverse = SmallMatrix.zero(n)
        for i in 0..<n { inverse[i, i] = 1 }
        // Gauss–Jordan elimination with partial pivoting on the scaled matrix.
        for column in 0..<n {
            var pivotRow = column
            for row in column..<n where abs(a[row, column]) > abs(a[pivotRow, column]) { pivotRow = row }
            // A near-zero pivot of the unit-diagonal matrix means (nearly) collinear columns.
            guard abs(a[pivotRow, column]) > 1e-12 else { return nil }
            if pivotRow != column {
                for j in 0..<n {
                    a.values.swapAt(pivotRow * n + j, column * n + j)
                    inverse.values.swapAt(pivotRow * n + j, column * n + j)
                }
            }
            let pivot = a[column, column]
            for j in 0..<n {
                a[column, j] /= pivot
                inverse[column, j] /= pivot
            }
            for row in 0..<n where row != column {
                let factor = a[row, column]
                if factor == 0 { continue }
                for j in 0..<n {
                    a[row, j] -= factor * a[column, j]
                    inverse[row, j] -= factor * inverse[column, j]
                }
            }
        }
        // Undo the scaling: A⁻¹ = S (SAS)⁻¹ S.
        for i in 0..<n { for j in 0..<n { inverse[i, j] *= scale[i] * scale[j] } }
        return inverse
    }

    /// The log-determinant of a symmetric positive-definite matrix (via its Cholesky factor).
    func logDeterminant() -> Double {
        var l = SmallMatrix.zero(size)
        var result = 0.0
        for j in 0..<size {
            var diagonal = self[j, j]
            for m in 0..<j { diagonal -= l[j, m] * l[j, m] }
            let root = diagonal.squareRoot()
            l[j, j] = root
            result += 2 * log(root)
            for i in (j + 1)..<size {
                var sum = self[i, j]
                for m in 0..<j { sum -= l[i, m] * l[j, m] }
                l[i, j] = sum / root
            }
        }
        return result
    }
}
