import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import Testing

/// Whatever a client sends, the answer is a 4xx with a JSON body, never a crash or an HTML page.
@Suite struct RefusalTests {
    typealias F = EmulatorFixtures

    func expectJSONError(_ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        let json = try F.json(response)
        #expect(json["error"] is String && json["error_description"] is String, sourceLocation: sourceLocation)
    }

    @Test func unknownPathIs404JSON() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: "/metadata/instance?api-version=2021-02-01", method: .get, headers: F.metadata) { try expectJSONError($0, .notFound) }
            try await client.execute(uri: "/", method: .get) { try expectJSONError($0, .notFound) }
        }
        #expect(emulator.records().map(\.status) == [404, 404])
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .head, .options])
    func wrongMethodOnAKnownPathIs405(method: HTTPRequest.Method) async throws {
        try await F.withRouter(try F.emulator()) { client in
            try await client.execute(uri: F.imdsQuery, method: method, headers: F.metadata) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                if method != .head { try expectJSONError(response, .methodNotAllowed) }
            }
        }
    }

    @Test(arguments: ["%zz", "a=b=c", "&&", "api-version=2018-02-01&&resource=x", "=x", "resource=%E2%28", "resource=%0a",
                      "api-version=2018-02-01&api-version=2019-08-01", "resource=x&resource=y"])
    func malformedOrRepeatedQueriesAre400(query: String) async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: "/metadata/identity/oauth2/token?" + query, method: .get, headers: F.metadata) { try expectJSONError($0, .badRequest) }
        }
        #expect(emulator.records().last?.status == 400)
    }

    @Test func veryLongQueryIs414AndHugeHeadersAre431() async throws {
        try await F.withRouter(try F.emulator()) { client in
            let long = F.imdsQuery + "&pad=" + String(repeating: "a", count: 5000)
            try await client.execute(uri: long, method: .get, headers: F.metadata) { try expectJSONError($0, .uriTooLong) }
            var headers = F.metadata
            headers[.init("X-Pad")!] = String(repeating: "b", count: 9000)
            try await client.execute(uri: F.imdsQuery, method: .get, headers: headers) { try expectJSONError($0, .requestHeaderFieldsTooLarge) }
        }
    }

    @Test func theLogStaysBounded() async throws {
        let emulator = try F.emulator(logCapacity: 5)
        try await F.withRouter(emulator) { client in
            for _ in 0..<12 { try await client.execute(uri: "/nowhere", method: .get) { _ in } }
        }
        let records = emulator.records()
        #expect(records.map(\.sequence) == [8, 9, 10, 11, 12])
        #expect(emulator.records(after: 10).map(\.sequence) == [11, 12])
    }
}
