import Hummingbird
import LabSim

/// Turns the simulator's answers into HTTP responses: JSON, `Content-Type: application/json`, as IMDS sends.
enum EmulatorResponse {
    static func json(_ answer: SimHTTPResponse) -> Response {
        json(status: answer.status, text: answer.body)
    }

    static func json(status: Int, text: String) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
