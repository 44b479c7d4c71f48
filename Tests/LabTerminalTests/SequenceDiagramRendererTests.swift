import Foundation
import LabTestSupport
import Testing
import LabContent
import LabTerminal

/// The terminal picture and the screen-reader steps of sequence diagrams, and the edge list of other diagrams.
@Suite struct SequenceDiagramRendererTests {
        static let keylessFlow = DiagramFixtures.keylessFlow

    /// Frozen width-80 renderings of `keylessFlow` (checked by eye before freezing: boxes, lifelines, arrowheads
    /// touching lifelines, text clear of lifelines). Regenerate deliberately if the layout changes.
    static let goldenUnicode80 = """
     ┌────────┐        ┌─────────────┐     ┌───────────┐ ┌───────────┐
     │ Order  │        │ Local token │     │ Microsoft │ │   Azure   │
     │ worker │        │  endpoint   │     │ Entra ID  │ │ Cosmos DB │
     │  (VM)  │        │   (IMDS)    │     │           │ │           │
     └───┬────┘        └──────┬──────┘     └─────┬─────┘ └─────┬─────┘
         │                    │                  │             │
         │ 1. GET token,      │                  │             │
         │    resource=       │                  │             │
         │    https://cosmos. │                  │             │
         │    azure.com,      │                  │             │
         │    Metadata: true  │                  │             │
         ├───────────────────▶│                  │             │
         │                    │                  │             │
         │                    │ 2. Request a     │             │
         │                    │    token for the │             │
         │                    │    app's managed │             │
         │                    │    identity      │             │
         │                    ├─────────────────▶│             │
         │                    │                  │             │
         │                    │ 3. Signed access │             │
         │                    │    token (JWT)   │             │
         │                    │◀╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤             │
         │                    │                  │             │
         │  4. access_token,  │                  │             │
         │     expires_in,    │                  │             │
         │     resource       │                  │             │
         │◀╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤                  │             │
         │                    │                  │             │
         │  5. Create item, token in the Authorization header  │
         ├────────────────────────────────────────────────────▶│
         │                    │                  │             │
         │                    │                  │             ├──┐ 6. Check
         │                    │                  │             │  │    signature,
         │                    │                  │             │  │    issuer,
         │                    │                  │             │  │    audience,
         │                    │                  │             │  │    expiry
         │                    │                  │             │◀─┘    locally
         │                    │                  │             │
         │                    │             ┌────┴─────────────┴──────────────────┐
         │                    │             │ Keys come from Entra ID's published │
         │                    │             │ JWKS, cached                        │
         │                    │             └────┬─────────────┬──────────────────┘
         │                    │                  │             │
         │                    │                  │             ├──┐ 7. Check
         │                    │                  │             │  │    data-plane
         │                    │                  │             │  │    role for the
         │                    │                  │             │◀─┘    token's oid
         │                    │                  │             │
         │                    │  8. 201 Created  │             │
         │◀╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
         │                    │                  │             │
    """

    static let goldenASCII80 = """
     +--------+        +-------------+     +-----------+ +-----------+
     | Order  |        | Local token |     | Microsoft | |   Azure   |
     | worker |        |  endpoint   |     | Entra ID  | | Cosmos DB |
     |  (VM)  |        |   (IMDS)    |     |           | |           |
     +---+----+        +------+------+     +-----+-----+ +-----+-----+
         |                    |                  |             |
         | 1. GET token,      |                  |             |
         |    resource=       |                  |             |
         |    https://cosmos. |                  |             |
         |    azure.com,      |                  |             |
         |    Metadata: true  |                  |             |
         |------------------->|                  |             |
         |                    |                  |             |
         |                    | 2. Request a     |             |
         |                    |    token for the |             |
         |                    |    app's managed |             |
         |                    |    identity      |             |
         |                    |----------------->|             |
         |                    |                  |             |
         |                    | 3. Signed access |             |
         |                    |    token (JWT)   |             |
         |                    |<.................|             |
         |                    |                  |             |
         |  4. access_token,  |                  |             |
         |     expires_in,    |                  |             |
         |     resource       |                  |             |
         |<...................|                  |             |
         |                    |                  |             |
         |  5. Create item, token in the Authorization header  |
         |---------------------------------------------------->|
         |                    |                  |             |
         |                    |                  |             |--+ 6. Check
         |                    |                  |             |  |    signature,
         |                    |                  |             |  |    issuer,
         |                    |                  |             |  |    audience,
         |                    |                  |             |  |    expiry
         |                    |                  |             |<-+    locally
         |                    |                  |             |
         |                    |             +----+-------------+------------------+
         |                    |             | Keys come from Entra ID's published |
         |                    |             | JWKS, cached                        |
         |                    |             +----+-------------+------------------+
         |                    |                  |             |
         |                    |                  |             |--+ 7. Check
         |                    |                  |             |  |    data-plane
         |                    |                  |             |  |    role for the
         |                    |                  |             |<-+    token's oid
         |                    |                  |             |
         |                    |  8. 201 Created  |             |
         |<....................................................|
         |                    |                  |             |
    """

    static func diagram(_ source: String = keylessFlow) throws -> SequenceDiagram {
        guard case .sequence(let diagram) = try MermaidDiagram.parse(source) else {
            Issue.record("not a sequence diagram")
            return SequenceDiagram()
        }
        return diagram
    }

    /// Display width as a terminal counts it, for the characters these tests use.
    static func columns(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            if (0x4E00...0x9FFF).contains(v) || (0x1F300...0x1F64F).contains(v) { return total + 2 }
            return total + 1
        }
    }

    static let labelWords = ["Order", "worker", "(VM)", "Local", "token", "endpoint", "(IMDS)", "Microsoft",
                             "Entra", "ID", "Azure", "Cosmos", "DB"]

    // MARK: Fixture: parse and steps

    @Test func fixtureParses() throws {
        let d = try Self.diagram()
        #expect(d.participants.count == 4)
        #expect(d.messageCount == 8)
        #expect(d.steps.count - d.messageCount == 1)
        #expect(d.autonumber)
    }

    @Test func fixtureSteps() throws {
        let steps = SequenceDiagramRenderer(width: 200).steps(try Self.diagram())
        #expect(steps == [
            "Participants: App (Order worker (VM)), IMDS (Local token endpoint (IMDS)), Entra (Microsoft Entra ID), Cosmos (Azure Cosmos DB)",
            "1. Order worker (VM) → Local token endpoint (IMDS): GET token, resource=https://cosmos.azure.com, Metadata: true",
            "2. Local token endpoint (IMDS) → Microsoft Entra ID: Request a token for the app's managed identity",
            "3. Microsoft Entra ID → Local token endpoint (IMDS) (reply): Signed access token (JWT)",
            "4. Local token endpoint (IMDS) → Order worker (VM) (reply): access_token, expires_in, resource",
            "5. Order worker (VM) → Azure Cosmos DB: Create item, token in the Authorization header",
            "6. Azure Cosmos DB → Azure Cosmos DB: Check signature, issuer, audience, expiry locally",
            "   Note over Azure Cosmos DB: Keys come from Entra ID's published JWKS, cached",
            "7. Azure Cosmos DB → Azure Cosmos DB: Check data-plane role for the token's oid",
            "8. Azure Cosmos DB → Order worker (VM) (reply): 201 Created",
        ])
        let numbered = steps.filter { $0.first?.isNumber == true }
        #expect(numbered.map { String($0.prefix(2)) } == (1...8).map { "\($0)." })
    }

    @Test func asciiStepsUseAsciiArrows() throws {
        let steps = SequenceDiagramRenderer(width: 200, unicode: false).steps(try Self.diagram())
        #expect(steps[1].hasPrefix("1. Order worker (VM) -> Local token endpoint (IMDS): GET token"))
        #expect(steps[4] == "4. Local token endpoint (IMDS) -> Order worker (VM) (reply): access_token, expires_in, resource")
        #expect(steps.allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    @Test func stepsWrapWithHangingIndent() throws {
        let steps = SequenceDiagramRenderer(width: 40).steps(try Self.diagram())
        #expect(steps.allSatisfy { Self.columns($0) <= 40 })
        let first = try #require(steps.firstIndex { $0.hasPrefix("1. ") })
        #expect(steps[first] == "1. Order worker (VM) → Local token")
        #expect(steps[first + 1] == "   endpoint (IMDS): GET token,")
        let note = try #require(steps.firstIndex { $0.hasPrefix("   Note over") })
        #expect(steps[note] == "   Note over Azure Cosmos DB: Keys come")
        #expect(steps[note + 1] == "     from Entra ID's published JWKS,")
    }

    @Test func stepsTitleAndActors() throws {
        let d = try Self.diagram("sequenceDiagram\ntitle Sign-in\nactor U as Learner\nactor Bob\nU->>Bob: hi\nNote left of U: x")
        #expect(SequenceDiagramRenderer(width: 80).steps(d) == [
            "Sign-in",
            "Participants: U (Learner, actor), Bob (actor)",
            "1. Learner → Bob: hi",
            "   Note left of Learner: x",
        ])
    }

    // MARK: Fixture: picture

    @Test(arguments: [100, 80])
    func fixtureFits(width: Int) throws {
        for unicode in [true, false] {
            let lines = try #require(SequenceDiagramRenderer(width: width, unicode: unicode).render(try Self.diagram()))
            #expect(lines.allSatisfy { Self.columns($0) <= width })
            #expect(lines.allSatisfy { $0.last != " " })
            let words = Set(lines.joined(separator: " ").split(separator: " ").map(String.init))
            for word in Self.labelWords { #expect(words.contains(word), "missing \(word)") }
            var searchFrom = 0
            for n in 1...8 {
                let at = lines[searchFrom...].firstIndex { $0.contains(" \(n). ") }
                #expect(at != nil, "step \(n) missing or out of order")
                searchFrom = at ?? searchFrom
            }
        }
    }

    @Test func fixtureDoesNotFitThirtyColumns() throws {
        #expect(SequenceDiagramRenderer(width: 30).render(try Self.diagram()) == nil)
        #expect(SequenceDiagramRenderer(width: 30, unicode: false).render(try Self.diagram()) == nil)
    }

    @Test func goldenUnicode() throws {
        let lines = try #require(SequenceDiagramRenderer(width: 80).render(try Self.diagram()))
        #expect(lines == Self.goldenUnicode80.components(separatedBy: "\n"))
    }

    @Test func goldenASCII() throws {
        let lines = try #require(SequenceDiagramRenderer(width: 80, unicode: false).render(try Self.diagram()))
        #expect(lines == Self.goldenASCII80.components(separatedBy: "\n"))
    }

    @Test func asciiPictureUsesOnlyAsciiDrawing() throws {
        let lines = try #require(SequenceDiagramRenderer(width: 100, unicode: false).render(try Self.diagram()))
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) })
        #expect(lines.contains { $0.contains("----->|") })
        #expect(lines.contains { $0.contains("|<.....") })
    }

    @Test func arrowheadsTouchLifelines() throws {
        let lines = try #require(SequenceDiagramRenderer(width: 100).render(try Self.diagram()))
        var heads = 0
        for line in lines {
            let chars = Array(line)
            for (i, c) in chars.enumerated() {
                if c == "▶" { heads += 1; #expect(i + 1 < chars.count && chars[i + 1] == "│") }
                if c == "◀" { heads += 1; #expect(i > 0 && chars[i - 1] == "│") }
            }
        }
        #expect(heads == 8)
        #expect(lines.contains { $0.contains("├──┐ 6. Check signature,") })
        #expect(lines.contains { $0.contains("╌╌╌╌┤") })
    }

    // MARK: Other diagrams

    @Test func notesBesideLifelinesAndTitle() throws {
        let d = try Self.diagram("""
        sequenceDiagram
            title Notes
            participant A as Alpha
            participant B as Beta
            Note left of A: on the left
            Note right of B: on the right
            Note over A,B: across both
            A->>B: go
        """)
        let lines = try #require(SequenceDiagramRenderer(width: 60).render(d))
        #expect(lines.allSatisfy { Self.columns($0) <= 60 })
        #expect(lines[0].trimmingCharacters(in: .whitespaces) == "Notes")
        #expect(lines[1] == "")
        for text in ["on the left", "on the right", "across both", "Alpha", "Beta", "go"] {
            #expect(lines.contains { $0.contains(text) }, "missing \(text)")
        }
        // The left note ends one column before Alpha's lifeline; the right note starts one after Beta's.
        let alpha = try #require(lines.first { $0.contains("┬") }.flatMap { Array($0).firstIndex(of: "┬") })
        let left = try #require(lines.first { $0.contains("on the left") })
        #expect(Array(left)[alpha - 2] == "│")
        #expect(Array(left)[alpha] == "│")
    }

    @Test func selfMessageAndReplyWithoutText() throws {
        let d = try Self.diagram("sequenceDiagram\nA->>A: think\nA-->>B:\n")
        let lines = try #require(SequenceDiagramRenderer(width: 40).render(d))
        #expect(lines.contains { $0.contains("├──┐ think") })
        #expect(lines.contains { $0.contains("│◀─┘") })
        #expect(lines.contains { $0.contains("├╌") && $0.contains("╌▶│") })
    }

    @Test func wideCharactersKeepColumns() throws {
        let d = try Self.diagram("sequenceDiagram\nparticipant A as 应用程序\nA->>B: 你好世界 hello 🙂 and more words to wrap")
        let lines = try #require(SequenceDiagramRenderer(width: 36).render(d))
        #expect(lines.allSatisfy { Self.columns($0) <= 36 })
        #expect(lines.contains { $0.contains("应用程序") })
        // Lifelines stay in one column whatever the text above them.
        let columns = Set(lines.dropFirst(3).compactMap { line -> Int? in
            guard line.hasSuffix("│") else { return nil }
            return Self.columns(line)
        })
        #expect(columns.count == 1)
    }

    @Test func tooManyParticipantsGiveNil() throws {
        let d = try Self.diagram("sequenceDiagram\nA->>B: 1\nB->>C: 2\nC->>D: 3\nD->>E: 4\nE->>F: 5")
        #expect(SequenceDiagramRenderer(width: 80).render(d) != nil)
        #expect(SequenceDiagramRenderer(width: 50).render(d) == nil)
    }

    @Test func emptyDiagram() {
        #expect(SequenceDiagramRenderer(width: 80).render(SequenceDiagram()) == [])
        #expect(SequenceDiagramRenderer(width: 80).steps(SequenceDiagram()) == [])
        #expect(SequenceDiagramRenderer(width: 80).render(SequenceDiagram(title: "Only a title")) == ["Only a title"])
    }

    @Test func undeclaredIdsInHandBuiltDiagrams() throws {
        let d = SequenceDiagram(steps: [.message(from: "X", to: "Y", text: "hello", style: .solid)])
        let lines = try #require(SequenceDiagramRenderer(width: 40).render(d))
        #expect(lines.contains { $0.contains("│ X │") })
        #expect(lines.contains { $0.contains("hello") })
        #expect(SequenceDiagramRenderer(width: 40).steps(d) == ["1. X → Y: hello"])
    }

    @Test func longLabelsWrapInsideBoxes() throws {
        let d = try Self.diagram("""
        sequenceDiagram
            participant C as Client application running on a virtual machine somewhere
            participant S as Server
            C->>S: hi
        """)
        let lines = try #require(SequenceDiagramRenderer(width: 50).render(d))
        #expect(lines.allSatisfy { Self.columns($0) <= 50 })
        let text = lines.joined(separator: " ")
        for word in ["Client", "application", "running", "virtual", "machine", "somewhere"] { #expect(text.contains(word)) }
    }
}

@Suite struct GraphDiagramRendererTests {
    static func graph(_ source: String) throws -> GraphDiagram {
        guard case .graph(let g) = try MermaidDiagram.parse(source) else {
            Issue.record("not a graph")
            return GraphDiagram(kind: "")
        }
        return g
    }

    @Test func flowchartEdgeList() throws {
        let g = try Self.graph("flowchart LR\n A[Web app] -->|token request| B(IMDS)\n B --> C{Entra ID}")
        #expect(g.edges.count == 2)
        #expect(GraphDiagramRenderer(width: 80).render(g) == [
            "Graph (flowchart LR):",
            "  Web app → IMDS  [token request]",
            "  IMDS → Entra ID",
        ])
        #expect(GraphDiagramRenderer(width: 80, unicode: false).render(g) == [
            "Graph (flowchart LR):",
            "  Web app -> IMDS  [token request]",
            "  IMDS -> Entra ID",
        ])
    }

    @Test func stateDiagramStartAndEnd() throws {
        let g = try Self.graph("stateDiagram-v2\n [*] --> Idle\n Idle --> Busy : start\n Busy --> [*]")
        #expect(GraphDiagramRenderer(width: 80).render(g) == [
            "Graph (stateDiagram-v2):",
            "  (start) → Idle",
            "  Idle → Busy  [start]",
            "  Busy → (end)",
        ])
    }

    @Test func noEdgesAndWrapping() throws {
        #expect(GraphDiagramRenderer(width: 80).render(GraphDiagram(kind: "pie")) == ["Graph (pie):", "  (no edges)"])
        let g = GraphDiagram(kind: "graph", direction: "TD",
                             labels: ["A": "A node with a rather long label", "B": "another long label here"],
                             edges: [.init(from: "A", to: "B", label: "a long edge label")])
        let lines = GraphDiagramRenderer(width: 30).render(g)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
        #expect(lines.joined(separator: " ").contains("rather long"))
    }
}
