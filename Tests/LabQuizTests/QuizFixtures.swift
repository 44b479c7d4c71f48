import Foundation
@testable import LabQuiz

/// A small bank with one question of every kind and a case study.
enum QuizFixtures {
    static let objectives = ["AZ-204": ["identity-types": "Identity types", "imds-tokens": "IMDS tokens"]]
    static let lessons: Set<String> = ["why-managed-identities", "imds-token-flow"]

    static let bank = """
    ---
    id: mini
    title: Mini bank
    exam: AZ-204
    pass: 50
    minutes: 10
    ---

    # Case study: Contoso

    Contoso has two apps.

    ## Shared identity

    id: case-shared · objective: identity-types · lesson: why-managed-identities

    Which identity can both apps share?

    - [ ] System-assigned
      > A system-assigned identity belongs to one resource.
    - [x] User-assigned
    - [ ] A client secret
      > That is a stored secret.

    Hint: Which one is a resource of its own?

    Explanation: A user-assigned identity can be assigned to many resources.

    # IMDS

    ## Two facts

    id: imds-two · objective: imds-tokens · lesson: imds-token-flow

    Which are true? Choose two.

    - [x] The header is Metadata: true.
    - [x] IMDS is at 169.254.169.254.
    - [ ] IMDS accepts POST.
      > Only GET.
    - [ ] IMDS is reached through a proxy.
      > Proxies add X-Forwarded-For, which IMDS rejects.

    Explanation: Both are facts of the request.

    ## Header or not

    id: imds-tf
    objective: imds-tokens
    lesson: imds-token-flow
    asks: exam

    The Metadata header is optional.

    - [ ] True
    - [x] False

    Explanation: It is required.

    ## Steps

    id: imds-order · objective: imds-tokens · lesson: imds-token-flow

    Put the steps in order.

    1. App asks IMDS
    2. IMDS asks Entra ID
    3. Entra ID answers IMDS
    4. IMDS answers the app

    Explanation: IMDS is the intermediary.

    ## Address

    id: imds-address · objective: imds-tokens · lesson: imds-token-flow

    Which IP address does IMDS listen on?

    Answer: `169.254.169.254` | http://169.254.169.254

    Explanation: A link-local address.
    """

    static func quiz() -> Quiz {
        let result = QuizParser(objectives: objectives, lessonIDs: lessons).parse(source: bank, file: "mini.md", expectedID: "mini")
        precondition(!result.hasErrors, "\(result.diagnostics)")
        return result.quiz!
    }
}
