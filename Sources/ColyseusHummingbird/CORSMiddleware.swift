import Hummingbird

/// Every HTTP response of the matchmaker (PROTOCOL.md §2.1): CORS headers that echo the request's
/// `Origin`, `204` for any `OPTIONS`, and an empty `404` for unknown routes.
struct ColyseusHTTPMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                response = Response(status: .notFound)
            }
        }
        let origin = request.headers[.origin] ?? "*"
        response.headers[.accessControlAllowHeaders] = "Origin, X-Requested-With, Content-Type, Accept, Authorization"
        response.headers[.accessControlAllowMethods] = "GET,HEAD,PUT,PATCH,POST,DELETE"
        response.headers[.accessControlAllowCredentials] = "true"
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlMaxAge] = "2592000"
        return response
    }
}
