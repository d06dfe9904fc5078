#include "http/listener.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace hms::http {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Set by the pool on the thread that runs a connection.
thread_local SteadyClock::time_point t_accepted_at;  // when the connection was accepted
thread_local bool t_no_room = false;                  // the queue is full: answer 503 unread

bool wait_for(socket_t sock, short events, milliseconds timeout) {
  pollfd p{sock, events, 0};
  int n;
  do {
    n = ::poll(&p, 1, static_cast<int>(std::max<milliseconds::rep>(0, timeout.count())));
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

void address_of(const sockaddr_storage& a, socklen_t len, std::string& ip, int& port) {
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&a), len, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

// One connection, as cpp-httplib's parser reads it: buffered reads bounded by the phase the
// request is in (its line and headers: the deadline and the header bytes; its body: the
// route's limit), writes bounded by the I/O timeout.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, const ConnectionLimits& limits) : sock_(sock), limits_(limits) {}

  // A new request starts; its headers must be complete by `since` + the header deadline.
  void expect_headers(SteadyClock::time_point since) {
    in_headers_ = true;
    deadline_ = since + limits_.header_deadline;
    header_read_ = 0;
    body_limit_ = body_left_ = 0;
    over_limit_ = false;
  }
  // The headers are read; the body may have `limit` bytes.
  void expect_body(std::size_t limit) {
    in_headers_ = false;
    body_limit_ = body_left_ = limit;
  }
  std::size_t body_limit() const { return body_limit_; }
  bool over_limit() const { return over_limit_; }  // the body went past its limit
  bool close_after = false;                         // a refusal: the rest of the body is never read
  bool gave_up() const { return gave_up_; }         // headers too slow or too long, or a read timed out

  // Waits up to `timeout` for the first byte of the next request.
  bool next_request(milliseconds timeout) const { return pos_ < end_ || wait_for(sock_, POLLIN, timeout); }

  bool is_readable() const override { return pos_ < end_ || wait_for(sock_, POLLIN, read_wait()); }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, limits_.io_timeout); }

  ssize_t read(char* ptr, std::size_t size) override {
    if (in_headers_) {
      if (header_read_ >= limits_.header_bytes) return give_up();
      size = std::min(size, limits_.header_bytes - header_read_);
    } else {
      if (body_left_ == 0) {
        over_limit_ = true;
        return -1;
      }
      size = std::min(size, body_left_);
    }
    while (pos_ == end_) {
      if (!wait_for(sock_, POLLIN, read_wait())) return give_up();  // the deadline, or the I/O timeout
      const ssize_t got = ::recv(sock_, buffer_, sizeof buffer_, MSG_DONTWAIT);
      if (got == 0) return 0;  // closed by the client
      if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        return -1;
      }
      pos_ = 0;
      end_ = static_cast<std::size_t>(got);
    }
    const std::size_t n = std::min(size, end_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, n);
    pos_ += n;
    if (in_headers_)
      header_read_ += n;
    else
      body_left_ -= n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    std::size_t done = 0;
    while (done < size) {
      if (!wait_for(sock_, POLLOUT, limits_.io_timeout)) return -1;
      const ssize_t n = ::send(sock_, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        return -1;
      }
      done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, len, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, len, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // The request cannot be read: the library answers 400, then the connection is closed.
  ssize_t give_up() {
    gave_up_ = true;
    return -1;
  }
  // How long a read may wait: the headers' deadline (0 once passed: only what has arrived), or
  // the I/O timeout within a body.
  milliseconds read_wait() const {
    if (!in_headers_) return limits_.io_timeout;
    auto left = std::chrono::duration_cast<milliseconds>(deadline_ - SteadyClock::now());
    return std::clamp(left, milliseconds(0), limits_.io_timeout);
  }

  socket_t sock_;
  const ConnectionLimits& limits_;
  char buffer_[16 * 1024];
  std::size_t pos_ = 0, end_ = 0;
  bool in_headers_ = true;
  SteadyClock::time_point deadline_{};
  std::size_t header_read_ = 0;
  std::size_t body_limit_ = 0, body_left_ = 0;
  bool over_limit_ = false;
  bool gave_up_ = false;
};

thread_local ConnectionStream* t_connection = nullptr;  // the connection this thread serves

// The worker threads and the connections waiting for one, at most `max_queued`: one more is
// run at once on the accepting thread with t_no_room set (a 503, nothing read).
class BoundedPool final : public httplib::TaskQueue {
 public:
  BoundedPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mutex_);
      if (waiting_.size() < max_queued_) {
        waiting_.push_back({std::move(fn), SteadyClock::now()});
        ready_.notify_one();
        return;
      }
    }
    t_no_room = true;
    fn();
    t_no_room = false;
  }
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  struct Job {
    std::function<void()> fn;
    SteadyClock::time_point accepted_at;
  };
  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (waiting_.empty()) return;  // stopping, and nothing left to serve
        job = std::move(waiting_.front());
        waiting_.pop_front();
      }
      t_accepted_at = job.accepted_at;
      job.fn();
    }
  }
  const std::size_t max_queued_;
  std::vector<std::thread> threads_;
  std::deque<Job> waiting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
};

// 0 when the declared body fits the route's limit, else the refusal: 413 (too long), 400 (a
// Content-Length that is not one number: two of them is how requests are smuggled).
int declared_body_refusal(const httplib::Request& req) {
  const auto count = req.get_header_value_count("Content-Length");
  if (count == 0) return 0;
  const std::string text = req.get_header_value("Content-Length");
  if (count > 1 || text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return 400;
  return std::stoull(text) > t_connection->body_limit() ? 413 : 0;
}

// Ends a connection. After a refusal the client may still be sending the body: stop writing,
// read and drop what comes for 2 s at most, then close, so that it gets the answer rather than
// a reset.
void close_connection(socket_t sock, bool refused) {
  if (refused) {
    ::shutdown(sock, SHUT_WR);
    const auto until = SteadyClock::now() + milliseconds(2000);
    char sink[16 * 1024];
    while (SteadyClock::now() < until &&
           wait_for(sock, POLLIN, std::chrono::duration_cast<milliseconds>(until - SteadyClock::now())) &&
           ::recv(sock, sink, sizeof sink, MSG_DONTWAIT) > 0) {
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

// The 503 of a connection the queue has no room for, written at once on the accepting thread.
void answer_no_room(socket_t sock, const std::string& body) {
  char sink[16 * 1024];
  while (::recv(sock, sink, sizeof sink, MSG_DONTWAIT) > 0) {  // what has arrived: read, so that
  }                                                            // closing does not reset
  const std::string response =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
      "Retry-After: 1\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n"
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  (void)::send(sock, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(sock, SHUT_WR);
  ::close(sock);
}

}  // namespace

Listener::Listener(ConnectionLimits limits, Hooks hooks) : limits_(limits), hooks_(std::move(hooks)) {
  new_task_queue = [this] { return new BoundedPool(limits_.threads, limits_.max_queued); };
  // Only for the Keep-Alive header the library writes: the loop below keeps connections.
  set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.keep_alive).count());
  set_keep_alive_max_count(limits_.keep_alive_requests);
  // A body with too much in Content-Length: refused before any of it is read.
  set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const int refusal = declared_body_refusal(req);
    if (refusal == 0) return HandlerResponse::Unhandled;
    t_connection->close_after = true;
    hooks_.refuse(req, res, refusal);
    res.set_header("Connection", "close");
    return HandlerResponse::Handled;
  });
  // The same for a client that waits for "100 Continue" before sending the body (curl does).
  set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    const int refusal = declared_body_refusal(req);
    if (refusal == 0) return 100;
    t_connection->close_after = true;
    hooks_.refuse(req, res, refusal);
    res.set_header("Connection", "close");
    return refusal;
  });
  // What the library answers on its own (a malformed request, a body cut at the limit) gets the
  // same shape as our errors. Our handler's answers are left as they are.
  set_error_handler(HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
    if (res.has_header("X-Request-Id") || !res.body.empty()) return HandlerResponse::Unhandled;
    int status = res.status;
    if (t_connection && t_connection->over_limit()) {
      status = 413;
      t_connection->close_after = true;
    }
    hooks_.refuse(req, res, status);
    if (t_connection && (t_connection->close_after || t_connection->gave_up())) res.set_header("Connection", "close");
    return HandlerResponse::Handled;
  }));
}

bool Listener::process_and_close_socket(socket_t sock) {
  if (t_no_room) {
    answer_no_room(sock, hooks_.busy_body);
    return false;
  }
  ConnectionStream connection(sock, limits_);
  t_connection = &connection;
  bool ok = true;
  auto since = t_accepted_at;
  for (std::size_t left = limits_.keep_alive_requests; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (left != limits_.keep_alive_requests) {  // a kept-alive connection's next request
      if (!connection.next_request(limits_.keep_alive)) break;
      since = SteadyClock::now();
    }
    connection.expect_headers(since);
    bool closed_by_client = false;
    ok = process_request(connection, left == 1, closed_by_client,
                         [&](httplib::Request& req) { connection.expect_body(hooks_.body_limit(req)); });
    if (!ok || closed_by_client || connection.close_after || connection.gave_up()) break;
  }
  t_connection = nullptr;
  close_connection(sock, connection.close_after);
  return ok;
}

}  // namespace hms::http
