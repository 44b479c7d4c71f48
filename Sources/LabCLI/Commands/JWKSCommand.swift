import ArgumentParser
import Foundation
import LabKit
import LabTerminal
import LabTokens

/// `jwks`: the lab's public signing key as a JWKS, for any JWT library to verify lab tokens with.
public struct JWKSCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "jwks", abstract: "Print the lab's public signing key set (JWKS), to verify lab tokens anywhere.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        session.console.print(try session.signingKey().jwks.json())
    }
}
