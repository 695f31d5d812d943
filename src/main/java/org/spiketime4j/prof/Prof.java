package org.spiketime4j.prof;
import java.util.*;
public final class Prof {
  public static final Map<String, long[]> T = new TreeMap<>();
  public static boolean on = false;
  public static synchronized void add(String k, long t0) { if (!on) return; long[] v = T.computeIfAbsent(k, x -> new long[2]); v[0] += System.nanoTime() - t0; v[1]++; }
  public static synchronized void dump(int steps) { T.forEach((k, v) -> System.out.printf("%-40s %8.2f ms/step (%d calls)%n", k, v[0] / 1e6 / steps, v[1])); T.clear(); }
}
