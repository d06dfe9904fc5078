// The network side of `hms serve`: cpp-httplib's Server with the bounds that keep one client
// from taking the server down for every agency (ASVS 5.0 V15.2.2, issue 8 B2):
//   1. a request's line and headers arrive whole within a deadline (10 s from the connection,
//      or from the first byte of a kept-alive connection's next request) and hold at most
//      64 KiB: a client sending a header byte per second (slowloris) is closed at 10 s;
//   2. a body is at most what its route allows (Route::max_body), counted as sent (a chunked
//      body with its framing): more in Content-Length is a 413 before any of it is read, a
//      chunked body is cut and answered 413 at the limit;
//   3. at most `max_queued` connections wait for a worker thread; one more is answered 503
//      (Retry-After: 1) at once, unread.
// cpp-httplib 0.11 (Debian 12) does none of this: it times out each recv() only, so a byte a
// second never times out, and it buffers a chunked body without limit. We keep its parser and
// hand it our own Stream over the socket, as its SSLServer does with a TLS stream.
#pragma once
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace hms::http {

struct ConnectionLimits {
  std::chrono::milliseconds header_deadline{10'000};  // request line and headers, whole
  std::size_t header_bytes = 64 * 1024;
  std::size_t threads = 32;
  std::size_t max_queued = 128;                      // connections waiting for a thread
  std::chrono::milliseconds io_timeout{30'000};      // between two reads of a body; a write
  std::chrono::milliseconds keep_alive{2'000};       // idle wait for a connection's next request
  std::size_t keep_alive_requests = 100;             // then the connection is closed
};

class Listener : public httplib::Server {
 public:
  struct Hooks {
    // The most bytes this request's body may have (its route's), once its headers are read.
    std::function<std::size_t(const httplib::Request&)> body_limit;
    // Fills in a refusal decided here or by the library (400, 413, …) for this request.
    std::function<void(const httplib::Request&, httplib::Response&, int status)> refuse;
    // The JSON body of the 503 sent, unread, to a connection the queue has no room for.
    std::string busy_body;
  };
  Listener(ConnectionLimits limits, Hooks hooks);

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
  Hooks hooks_;
};

}  // namespace hms::http
