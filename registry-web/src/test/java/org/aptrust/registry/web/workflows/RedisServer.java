package org.aptrust.registry.web.workflows;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import redis.clients.jedis.RedisClient;

/**
 * A real redis-server (Debian's package, /usr/bin/redis-server) on a free port of its own, without persistence,
 * for the tests of the Registry's view of the preservation workers' state. Stopped (its process killed) on close.
 */
public final class RedisServer implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;
    private final RedisClient client;
    private final Path log;

    /**
     * For {@code @EnabledIf}: the Redis tests run where redis-server is installed, and also where it is required
     * ({@code REGISTRY_REQUIRE_REDIS=true}, as .ci/run sets it), so that CI fails rather than skips without it.
     */
    public static boolean installedOrRequired() {
        return new File(BINARY).canExecute() || Boolean.parseBoolean(System.getenv("REGISTRY_REQUIRE_REDIS"));
    }

    public RedisServer() {
        if (!new File(BINARY).canExecute()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install redis-server (.ci/run does)");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            log = Files.createTempFile("redis-test-", ".log");
            process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                    System.getProperty("java.io.tmpdir"))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server did not start", e);
        }
        client = RedisClient.create("127.0.0.1", port);
        long end = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                if ("PONG".equals(client.ping())) {
                    break;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    close();
                    throw new IllegalStateException("redis-server on port " + port + " does not answer: "
                            + logText(), e);
                }
            }
            pause();
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** host:port, as api.redis.address takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** A client of this server, for arranging and checking what the workers would have stored. */
    public RedisClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
