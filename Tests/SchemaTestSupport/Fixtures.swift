import Foundation

/// The files of `Tests/Fixtures` (see its README): reference vectors and captures, inside the repository so
/// that a clone with nothing beside it passes `swift test`.
public enum Fixtures {
    /// `<repo>/Tests/Fixtures` (this file is `<repo>/Tests/SchemaTestSupport/Fixtures.swift`).
    public static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SchemaTestSupport
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// The fixture at `path`, relative to `Tests/Fixtures` (for example `vectors/protocol/frames.json`).
    public static func url(_ path: String) -> URL {
        folder.appendingPathComponent(path)
    }

    /// The contents of the fixture at `path`, relative to `Tests/Fixtures`.
    /// - Throws: ``FixtureError`` naming the file when it is missing or unreadable.
    public static func data(_ path: String) throws -> Data {
        let url = url(path)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw FixtureError(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// The fixture at `path` decoded as `T` from JSON.
    /// - Throws: ``FixtureError`` naming the file when it is missing, unreadable or not a `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        let data = try data(path)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw FixtureError(path: url(path).path, reason: "is not the expected JSON (\(error))")
        }
    }
}

/// A fixture that a test needs is missing, unreadable or malformed.
public struct FixtureError: Error, CustomStringConvertible {
    /// The absolute path of the fixture.
    public let path: String
    /// What is wrong with it.
    public let reason: String

    /// A fixture error for the file at `path`, saying what is wrong with it.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "fixture \(path) \(reason); Tests/Fixtures/README.md says where fixtures come from"
    }
}
