import SchemaCodegenCore
import Testing

@Suite struct TextDiffTests {
    private func diff(_ old: String, _ new: String, context: Int = 2) -> String {
        TextDiff.unified(old: old, new: new, oldName: "old.swift", newName: "new.swift", context: context)
    }

    @Test func equalTextsGiveNoDiff() {
        #expect(diff("", "") == "")
        #expect(diff("a\nb\n", "a\nb\n") == "")
    }

    @Test func changedLineShowsRemovalBeforeAdditionWithContext() {
        let old = "1\n2\n3\n4\n5\n6\n7\n"
        let new = "1\n2\n3\nfour\n5\n6\n7\n"
        #expect(diff(old, new) == """
            --- old.swift
            +++ new.swift
            @@ -2 +2 @@
             2
             3
            -4
            +four
             5
             6
            """)
    }

    @Test func addedAndRemovedLinesAtTheEdges() {
        #expect(diff("a\nb\n", "z\na\nb\n") == """
            --- old.swift
            +++ new.swift
            @@ -1 +1 @@
            +z
             a
             b
            """)
        #expect(diff("a\nb\nc", "a\nb") == """
            --- old.swift
            +++ new.swift
            @@ -1 +1 @@
             a
             b
            -c
            """)
    }

    @Test func distantChangesGiveSeparateHunksAndCloseOnesMerge() {
        let old = (1...12).map(String.init).joined(separator: "\n")
        let far = old.replacingOccurrences(of: "2\n", with: "two\n").replacingOccurrences(of: "11", with: "eleven")
        #expect(diff(old, far, context: 1) == """
            --- old.swift
            +++ new.swift
            @@ -1 +1 @@
             1
            -2
            +two
             3
            @@ -10 +10 @@
             10
            -11
            +eleven
             12
            """)
        let near = old.replacingOccurrences(of: "\n4\n", with: "\nfour\n").replacingOccurrences(of: "\n6\n", with: "\nsix\n")
        #expect(diff(old, near, context: 1) == """
            --- old.swift
            +++ new.swift
            @@ -3 +3 @@
             3
            -4
            +four
             5
            -6
            +six
             7
            """)
    }

    @Test func zeroContextShowsOnlyChangedLines() {
        #expect(diff("a\nb\nc\n", "a\nB\nc\n", context: 0) == """
            --- old.swift
            +++ new.swift
            @@ -2 +2 @@
            -b
            +B
            """)
    }
}
