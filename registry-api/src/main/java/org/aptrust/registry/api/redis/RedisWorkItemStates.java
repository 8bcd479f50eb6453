package org.aptrust.registry.api.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@link WorkItemStates} in a real Redis, through Jedis (a pooled client; every call takes a connection). */
final class RedisWorkItemStates implements WorkItemStates {

    /** Per-file fields are counted; this many are named. */
    static final int SAMPLE_FILES = 10;
    private static final String FILE_PREFIX = "file:";
    private static final int SCAN_COUNT = 1000;

    private final String address;
    private final RedisClient client;

    RedisWorkItemStates(RedisSettings settings) {
        this.address = settings.address();
        HostAndPort hp;
        try {
            hp = HostAndPort.from(address);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("api.redis.address must be host:port, not '" + address + "'", e);
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(settings.db())
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).clientName("registry");
        if (!settings.password().isEmpty()) {
            config.password(settings.password());
        }
        this.client = RedisClient.builder().hostAndPort(hp).clientConfig(config.build()).build();
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public String describe() {
        return address;
    }

    @Override
    public ItemState read(int workItemId) {
        String key = Integer.toString(workItemId);
        try {
            Map<String, String> fields = new TreeMap<>();
            List<String> files = new ArrayList<>();
            long fileCount = 0;
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().count(SCAN_COUNT);
            do {
                ScanResult<Map.Entry<String, String>> page = client.hscan(key, cursor, params);
                for (Map.Entry<String, String> e : page.getResult()) {
                    if (e.getKey().startsWith(FILE_PREFIX)) {
                        fileCount++;
                        if (files.size() < SAMPLE_FILES) {
                            files.add(e.getKey().substring(FILE_PREFIX.length()));
                        }
                    } else {
                        fields.put(e.getKey(), e.getValue());
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            files.sort(null);
            return new ItemState(workItemId, fields, fileCount, List.copyOf(files));
        } catch (JedisException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public long delete(int workItemId) {
        try {
            return client.del(Integer.toString(workItemId));
        } catch (JedisException e) {
            throw unavailable("delete from", e);
        }
    }

    @Override
    public List<Integer> itemIds(int max) {
        try {
            List<Integer> ids = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().count(SCAN_COUNT);
            do {
                ScanResult<String> page = client.scan(cursor, params);
                for (String k : page.getResult()) {
                    if (k.matches("\\d{1,9}") && ids.size() < max) {
                        ids.add(Integer.parseInt(k));
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor) && ids.size() < max);
            ids.sort(null);
            return ids;
        } catch (JedisException e) {
            throw unavailable("read", e);
        }
    }

    private Unavailable unavailable(String what, JedisException e) {
        return new Unavailable("Redis at " + address + " could not be " + ("read".equals(what) ? "read" : "written")
                + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
