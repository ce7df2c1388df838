import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of another program: its wall time (from just before the spawn to the moment it was
/// reaped), its exit status and its peak resident memory.
struct ChildRun {
    var seconds: Double
    var status: Int32
    /// ru_maxrss of the child, in bytes.
    var peakMemory: Int
    /// What it wrote to stderr (kept for error messages).
    var errorOutput: String
}

enum ChildProcess {
    /// Runs `executable` with `arguments`, stdout discarded and stderr captured to a file, and
    /// waits for it with wait4(2), which reports the child's own resource usage.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> ChildRun {
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("metareport-bench-stderr-\(getpid()).txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in env { free(pointer) } }

        var pid: pid_t = 0
        let start = now()
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, env)
        guard spawned == 0 else {
            return ChildRun(seconds: 0, status: -1, peakMemory: 0,
                            errorOutput: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errorFile)
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return ChildRun(seconds: seconds, status: exitCode, peakMemory: Int(usage.ru_maxrss) * 1024, errorOutput: errors)
    }

    /// Runs a program and returns what it printed on stdout (for the comparison scripts, which
    /// time themselves and print their results), or nil with the reason when it failed.
    static func output(_ executable: String, _ arguments: [String]) -> (output: String?, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (nil, "\(error)") }
        // Read before waiting, so a chatty child cannot fill the pipe and block.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return (nil, errors) }
        return (String(decoding: data, as: UTF8.self), errors)
    }

    /// Whether `command` is on the PATH.
    static func exists(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }
}
