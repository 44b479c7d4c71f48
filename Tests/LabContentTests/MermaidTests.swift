import Foundation
import LabTestSupport
import Testing
import LabContent

/// Parsing of ```mermaid blocks: sequence diagrams strictly, other diagrams as graphs (best effort).
@Suite struct MermaidParserTests {
    static let keylessFlow = DiagramFixtures.keylessFlow

    func sequence(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SequenceDiagram {
        guard case .sequence(let diagram) = try MermaidDiagram.parse(source) else {
            Issue.record("expected a sequence diagram", sourceLocation: sourceLocation)
            return SequenceDiagram()
        }
        return diagram
    }

    func graph(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> GraphDiagram {
        guard case .graph(let diagram) = try MermaidDiagram.parse(source) else {
            Issue.record("expected a graph", sourceLocation: sourceLocation)
            return GraphDiagram(kind: "")
        }
        return diagram
    }

    func error(_ source: String) -> MermaidError? {
        do {
            _ = try MermaidDiagram.parse(source)
            return nil
        } catch let error as MermaidError {
            return error
        } catch {
            return nil
        }
    }

    func message(_ from: String, _ to: String, _ text: String, _ style: SequenceDiagram.ArrowStyle = .solid)
        -> SequenceDiagram.Step {
        .message(from: from, to: to, text: text, style: style)
    }

    // MARK: The keyless flow

    @Test func keylessFlowFixture() throws {
        let d = try sequence(Self.keylessFlow)
        #expect(d.autonumber)
        #expect(d.title == nil)
        #expect(d.participants.map(\.id) == ["App", "IMDS", "Entra", "Cosmos"])
        #expect(d.participants.map(\.label) == ["Order worker (VM)", "Local token endpoint (IMDS)",
                                                "Microsoft Entra ID", "Azure Cosmos DB"])
        #expect(d.participants.allSatisfy { !$0.isActor })
        #expect(d.messageCount == 8)
        #expect(d.steps.count == 9)
        let notes = d.steps.filter { if case .note = $0 { return true } else { return false } }
        #expect(notes == [.note(placement: .over, participants: ["Cosmos"], text: "Keys come from Entra ID's published JWKS, cached")])
        #expect(d.steps[0] == message("App", "IMDS", "GET token, resource=https://cosmos.azure.com, Metadata: true"))
        #expect(d.steps[2] == message("Entra", "IMDS", "Signed access token (JWT)", .dotted))
        #expect(d.steps[4] == message("App", "Cosmos", "Create item, token in the Authorization header"))
        #expect(d.steps[5] == message("Cosmos", "Cosmos", "Check signature, issuer, audience, expiry locally"))
        #expect(d.steps[8] == message("Cosmos", "App", "201 Created", .dotted))
    }

    // MARK: Headers

    @Test func headerAfterBlankLinesAndComments() throws {
        let d = try sequence("\n  %% a comment\n%%{init: {'theme': 'dark'}}%%\n  sequenceDiagram\n  A->>B: hi\n")
        #expect(d.steps == [message("A", "B", "hi")])
    }

    @Test func emptyBlockIsAnError() {
        #expect(error("") == MermaidError(line: 1, column: 1,
                                          message: "empty diagram: expected a header such as 'sequenceDiagram' or 'flowchart LR'"))
        #expect(error("\n   \n%% only a comment\n")?.line == 1)
    }

    @Test func unknownHeaderIsAnError() {
        let e = error("\n   sequence\n  A->>B: hi")
        #expect(e?.line == 2)
        #expect(e?.column == 4)
        #expect(e?.message.hasPrefix("unknown diagram type 'sequence'") == true)
    }

    @Test func textAfterSequenceHeaderIsAnError() {
        #expect(error("sequenceDiagram A->>B: hi") == MermaidError(line: 1, column: 17,
            message: "unexpected text after 'sequenceDiagram'; put each statement on its own line"))
    }

    @Test func frontMatterTitle() throws {
        let d = try sequence("---\ntitle: \"Token flow\"\n---\nsequenceDiagram\nA->>B: hi")
        #expect(d.title == "Token flow")
        #expect(error("---\ntitle: x\nsequenceDiagram")?.message == "front matter opened with '---' is never closed")
    }

    @Test func errorDescriptionIsTheMessage() {
        let e = MermaidError(line: 3, column: 5, message: "unknown statement 'foo'")
        #expect(e.errorDescription == "unknown statement 'foo'")
        #expect(e.localizedDescription == "unknown statement 'foo'")
    }

    // MARK: Sequence statements

    @Test func titleAndAutonumber() throws {
        var d = try sequence("sequenceDiagram\n  title Keyless access\n  A->>B: x")
        #expect(d.title == "Keyless access")
        #expect(!d.autonumber)
        d = try sequence("sequenceDiagram\n  title: With colon\n  autonumber\n")
        #expect(d.title == "With colon")
        #expect(d.autonumber)
        d = try sequence("sequenceDiagram\n  autonumber 10 5\n")
        #expect(d.autonumber)
        d = try sequence("sequenceDiagram\n  autonumber\n  autonumber off\n")
        #expect(!d.autonumber)
    }

    @Test func participantsAndActors() throws {
        let d = try sequence("""
        sequenceDiagram
            actor U as Learner
            participant App as Web app
            participant IMDS
            participant Entra ID as Microsoft Entra ID
            U->>App: open
            App->>Other: call
        """)
        #expect(d.participants == [
            .init(id: "U", label: "Learner", isActor: true),
            .init(id: "App", label: "Web app"),
            .init(id: "IMDS", label: "IMDS"),
            .init(id: "Entra ID", label: "Microsoft Entra ID"),
            .init(id: "Other", label: "Other"),
        ])
        #expect(d.label(for: "App") == "Web app")
        #expect(d.label(for: "nobody") == "nobody")
    }

    @Test func implicitParticipantsFollowDeclaredOnesInFirstUseOrder() throws {
        let d = try sequence("""
        sequenceDiagram
            C->>B: one
            participant A
            Note over D: two
            B->>A: three
            participant B as Bee
        """)
        #expect(d.participants.map(\.id) == ["A", "B", "C", "D"])
        #expect(d.participants[1].label == "Bee")
    }

    @Test func redeclaringKeepsPositionAndUpdatesLabel() throws {
        let d = try sequence("sequenceDiagram\nparticipant A\nparticipant B\nparticipant A as Alpha\ncreate participant C\nactor D")
        #expect(d.participants.map(\.id) == ["A", "B", "C", "D"])
        #expect(d.participants[0].label == "Alpha")
        #expect(d.participants[3].isActor)
    }

    @Test func everyArrowStyle() throws {
        let d = try sequence("""
        sequenceDiagram
            A->>B: 1
            A-->>B: 2
            A->B: 3
            A-->B: 4
            A-xB: 5
            A--xB: 6
            A-)B: 7
            A--)B: 8
        """)
        let styles: [SequenceDiagram.ArrowStyle] = [.solid, .dotted, .solid, .dotted, .solid, .dotted, .solid, .dotted]
        #expect(d.steps == styles.enumerated().map { message("A", "B", "\($0.offset + 1)", $0.element) })
    }

    @Test func activationMarksSpacesSelfMessagesAndHyphenatedNames() throws {
        let d = try sequence("""
        sequenceDiagram
            App->>+IMDS: request
            IMDS-->>-App: token
            App ->> App : think
            key-vault->>App: secret
            activate App
            deactivate App
        """)
        #expect(d.steps == [
            message("App", "IMDS", "request"),
            message("IMDS", "App", "token", .dotted),
            message("App", "App", "think"),
            message("key-vault", "App", "secret"),
        ])
        #expect(d.participants.map(\.id) == ["App", "IMDS", "key-vault"])
    }

    @Test func emptyMessageTextIsAllowedAfterTheColon() throws {
        let d = try sequence("sequenceDiagram\nA-->>B:")
        #expect(d.steps == [message("A", "B", "", .dotted)])
    }

    @Test func notes() throws {
        let d = try sequence("""
        sequenceDiagram
            Note over A: one
            note over A,B: two
            NOTE Left Of A: three
            Note right   of B : four
        """)
        #expect(d.steps == [
            .note(placement: .over, participants: ["A"], text: "one"),
            .note(placement: .over, participants: ["A", "B"], text: "two"),
            .note(placement: .leftOf, participants: ["A"], text: "three"),
            .note(placement: .rightOf, participants: ["B"], text: "four"),
        ])
        #expect(d.participants.map(\.id) == ["A", "B"])
    }

    @Test func windowsLineEndings() throws {
        let d = try sequence("sequenceDiagram\r\n  A->>B: hi\r\n  Note over B: ok\r\n")
        #expect(d.steps == [message("A", "B", "hi"), .note(placement: .over, participants: ["B"], text: "ok")])
        #expect(error("sequenceDiagram\r\n\r\n  oops\r\n") == MermaidError(line: 3, column: 3, message: "unknown statement 'oops'"))
    }

    @Test func commentsBlankLinesAndIndentation() throws {
        let d = try sequence("sequenceDiagram\n\n   %% comment\n\t\tA->>B: x\n        \n  B-->>A: y  ")
        #expect(d.steps == [message("A", "B", "x"), message("B", "A", "y", .dotted)])
    }

    @Test func blocksAreAcceptedAndRecordNothing() throws {
        let d = try sequence("""
        sequenceDiagram
            box Aqua Azure
            participant A
            end
            loop Every 5 minutes
                A->>B: refresh
                alt cached
                    B-->>A: cached token
                else expired
                    B-->>A: new token
                end
            end
            opt maybe
                par first
                    A->>B: p1
                and second
                    A->>B: p2
                end
            end
            critical connect
                A->>B: c
            option timeout
                A->>B: retry
            end
            break failure
                A->>B: stop
            end
            rect rgb(0, 0, 255)
                A->>B: coloured
            end
        """)
        #expect(d.messageCount == 9)
        #expect(d.steps.count == 9)
    }

    @Test func breaksAndEntityCodesInText() throws {
        let d = try sequence("sequenceDiagram\nparticipant A as Web app<br/>(App Service)\nA->>B: a#59; b #35;1<br>next")
        #expect(d.participants[0].label == "Web app\n(App Service)")
        #expect(d.steps == [message("A", "B", "a; b #1\nnext")])
    }

    @Test func semicolonSeparatesStatements() throws {
        let d = try sequence("sequenceDiagram\nA->>B: one; B-->>A: two")
        #expect(d.steps == [message("A", "B", "one"), message("B", "A", "two", .dotted)])
    }

    @Test func ignoredStatements() throws {
        let d = try sequence("""
        sequenceDiagram
            accTitle: Token flow
            accDescr {
              many lines
              A->>B: not a message
            }
            link A: Docs @ https://example.com
            destroy B
            A->>B: real
        """)
        #expect(d.steps == [message("A", "B", "real")])
    }

    // MARK: Sequence errors

    @Test func messageWithoutTextIsAnError() {
        #expect(error("sequenceDiagram\n    A->>B") == MermaidError(line: 2, column: 10, message: "message needs ': text'"))
        #expect(error("sequenceDiagram\n  A-->>B   ") == MermaidError(line: 2, column: 9, message: "message needs ': text'"))
    }

    @Test func unknownStatementIsAnError() {
        #expect(error("sequenceDiagram\n  A->>B: x\n    foo bar") == MermaidError(line: 3, column: 5, message: "unknown statement 'foo'"))
        #expect(error("sequenceDiagram\nA: hello") == MermaidError(line: 2, column: 1, message: "unknown statement 'A:'"))
    }

    @Test func semicolonInTextGetsAHint() {
        let e = error("sequenceDiagram\n  A->>B: one; two")
        #expect(e?.line == 2)
        #expect(e?.column == 15)
        #expect(e?.message.hasPrefix("unknown statement 'two' (a ';' ends a statement") == true)
    }

    @Test func unbalancedBlocksAreErrors() {
        #expect(error("sequenceDiagram\n  A->>B: x\n  end") == MermaidError(line: 3, column: 3, message: "'end' without an open block"))
        #expect(error("sequenceDiagram\n  loop forever\n    A->>B: x\n  alt yes\n  end") ==
                MermaidError(line: 2, column: 3, message: "'loop' block is never closed (missing 'end')"))
        #expect(error("sequenceDiagram\n loop x\n  else y\n end") == MermaidError(line: 3, column: 3, message: "'else' outside an 'alt' block"))
        #expect(error("sequenceDiagram\n and y") == MermaidError(line: 2, column: 2, message: "'and' outside an 'par' block"))
    }

    @Test func malformedNotesAreErrors() {
        #expect(error("sequenceDiagram\nNote over A") == MermaidError(line: 2, column: 12, message: "note needs ': text'"))
        #expect(error("sequenceDiagram\n  Note above A: x") == MermaidError(line: 2, column: 8, message: "note needs 'over', 'left of' or 'right of'"))
        #expect(error("sequenceDiagram\nNote over A,: x") == MermaidError(line: 2, column: 13, message: "note needs a participant"))
        #expect(error("sequenceDiagram\nNote left of A,B: x")?.message == "a note left or right of takes one participant; use 'over A,B' for two")
    }

    @Test func malformedParticipantsAreErrors() {
        #expect(error("sequenceDiagram\n  participant") == MermaidError(line: 2, column: 14, message: "'participant' needs a name"))
        #expect(error("sequenceDiagram\nparticipant A as") == MermaidError(line: 2, column: 17, message: "missing label after 'as'"))
        #expect(error("sequenceDiagram\nactor A:B") == MermaidError(line: 2, column: 8, message: "unexpected ':' in participant name"))
        #expect(error("sequenceDiagram\ncreate A") == MermaidError(line: 2, column: 8, message: "'create' must be followed by 'participant' or 'actor'"))
    }

    @Test func malformedMessagesAreErrors() {
        #expect(error("sequenceDiagram\n  A->>: x") == MermaidError(line: 2, column: 7, message: "message needs a receiver after the arrow"))
        #expect(error("sequenceDiagram\n  ->>B: x") == MermaidError(line: 2, column: 3, message: "message needs a sender before the arrow"))
        #expect(error("sequenceDiagram\n  A->>>B: x") == MermaidError(line: 2, column: 7, message: "unexpected '>' in participant name"))
        #expect(error("sequenceDiagram\n  A<<->>B: x") == MermaidError(line: 2, column: 4,
            message: "two-way arrows ('<<->>', '<<-->>') are not supported; draw two messages"))
    }

    // MARK: Graphs

    @Test func flowchartWithLabels() throws {
        let g = try graph("flowchart LR\n A[Web app] -->|token request| B(IMDS)\n B --> C{Entra ID}")
        #expect(g.kind == "flowchart")
        #expect(g.direction == "LR")
        #expect(g.edges == [
            GraphDiagram.Edge(from: "A", to: "B", label: "token request"),
            GraphDiagram.Edge(from: "B", to: "C", label: nil),
        ])
        #expect(g.labels == ["A": "Web app", "B": "IMDS", "C": "Entra ID"])
        #expect(g.label(for: "A") == "Web app")
        #expect(g.label(for: "Z") == "Z")
    }

    @Test func linkKinds() throws {
        let g = try graph("""
        graph TD
            A --- B
            B -- uses --> C
            C ==> D
            D -.-> E
            E -. maybe .-> F
            F == strong ==> G
            G --o H
            H ~~~ I
            I-->J
        """)
        #expect(g.direction == "TD")
        #expect(g.edges == [
            .init(from: "A", to: "B"), .init(from: "B", to: "C", label: "uses"), .init(from: "C", to: "D"),
            .init(from: "D", to: "E"), .init(from: "E", to: "F", label: "maybe"), .init(from: "F", to: "G", label: "strong"),
            .init(from: "G", to: "H"), .init(from: "H", to: "I"), .init(from: "I", to: "J"),
        ])
    }

    @Test func chainsGroupsAndShapes() throws {
        let g = try graph("""
        flowchart TB
            A((Circle)) --> B>Flag] --> C[(Database)]
            C & D{{Hex}} --> E["Quoted [text]"]
            F[/Slanted/]
            G([Stadium]):::hot --> H
        """)
        #expect(g.edges == [
            .init(from: "A", to: "B"), .init(from: "B", to: "C"), .init(from: "C", to: "E"), .init(from: "D", to: "E"),
            .init(from: "G", to: "H"),
        ])
        #expect(g.labels == ["A": "Circle", "B": "Flag", "C": "Database", "D": "Hex", "E": "Quoted [text]",
                             "F": "Slanted", "G": "Stadium"])
    }

    @Test func labelsKeepInnerParentheses() throws {
        let g = try graph("flowchart LR\n A[Order worker (VM)] --> B")
        #expect(g.labels["A"] == "Order worker (VM)")
    }

    @Test func unreadableGraphLinesAreSkipped() throws {
        let g = try graph("""
        flowchart LR
            subgraph Azure [Azure]
                direction TB
                A --> B
            end
            classDef hot fill:#f96
            style A fill:#f9f
            click A "https://example.com"
            this is not ((( valid
            A -- dangling
            B --> C
        """)
        #expect(g.direction == "LR")
        #expect(g.edges == [.init(from: "A", to: "B"), .init(from: "B", to: "C")])
    }

    @Test func headerMayCarryStatements() throws {
        let g = try graph("graph LR; A-->B; B-->C")
        #expect(g.direction == "LR")
        #expect(g.edges == [.init(from: "A", to: "B"), .init(from: "B", to: "C")])
    }

    @Test func stateDiagram() throws {
        let g = try graph("""
        stateDiagram-v2
            direction LR
            state "Waiting for token" as Waiting
            [*] --> Waiting
            Waiting --> Authorised : token valid
            Authorised : Has a token
            note right of Waiting
                A --> B inside a note
            end note
            Authorised --> [*]
        """)
        #expect(g.kind == "stateDiagram-v2")
        #expect(g.direction == "LR")
        #expect(g.edges == [
            .init(from: "[*]", to: "Waiting"), .init(from: "Waiting", to: "Authorised", label: "token valid"),
            .init(from: "Authorised", to: "[*]"),
        ])
        #expect(g.labels == ["Waiting": "Waiting for token", "Authorised": "Has a token"])
    }

    @Test func flowchartWithoutDirection() throws {
        let g = try graph("flowchart\n  A --> B")
        #expect(g.direction == nil)
        #expect(g.edges == [.init(from: "A", to: "B")])
    }

    @Test func otherKnownDiagramsAreGraphs() throws {
        let g = try graph("pie title Pets\n \"Dogs\" : 386")
        #expect(g.kind == "pie")
        #expect(g.direction == nil)
        #expect(g.edges.isEmpty)
    }
}
