/// A line diff for `schema-codegen --check`: shows how a committed file differs from what would be
/// generated, in unified-diff style with a little context.
public enum TextDiff {
    /// The differing lines of `old` and `new` as `-`/`+` lines with `context` unchanged lines around
    /// each change; empty when the texts are equal.
    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 2) -> String {
        guard old != new else { return "" }
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits = editScript(a, b)
        var output = ["--- \(oldName)", "+++ \(newName)"]
        var index = 0
        while index < edits.count {
            guard edits[index].kind != .same else { index += 1; continue }
            let start = max(0, index - context)
            var end = index
            while end < edits.count {
                if edits[end].kind != .same { end += 1; continue }
                let nextChange = edits[end...].firstIndex { $0.kind != .same }
                if let nextChange, nextChange - end <= context * 2 { end = nextChange } else { break }
            }
            end = min(edits.count, end + context)
            let firstOld = edits[start].oldLine, firstNew = edits[start].newLine
            output.append("@@ -\(firstOld + 1) +\(firstNew + 1) @@")
            for edit in edits[start..<end] {
                switch edit.kind {
                case .same: output.append(" " + edit.text)
                case .removed: output.append("-" + edit.text)
                case .added: output.append("+" + edit.text)
                }
            }
            index = end
        }
        return output.joined(separator: "\n")
    }

    private enum Kind { case same, removed, added }
    private struct Edit {
        let kind: Kind
        let text: String
        let oldLine: Int
        let newLine: Int
    }

    /// Longest-common-subsequence edit script (quadratic; generated files are small). Trims the
    /// common prefix and suffix first.
    private static func editScript(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var lengths = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lengths[i][j] = x[i] == y[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var edits = (0..<prefix).map { Edit(kind: .same, text: a[$0], oldLine: $0, newLine: $0) }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                edits.append(Edit(kind: .same, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1; j += 1
            } else if i < x.count, j == y.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // On a tie, removals go first: `-old` before `+new`, as in unified diffs.
                edits.append(Edit(kind: .removed, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1
            } else {
                edits.append(Edit(kind: .added, text: y[j], oldLine: prefix + i, newLine: prefix + j)); j += 1
            }
        }
        for offset in 0..<suffix {
            edits.append(Edit(kind: .same, text: a[a.count - suffix + offset], oldLine: a.count - suffix + offset, newLine: b.count - suffix + offset))
        }
        return edits
    }
}
