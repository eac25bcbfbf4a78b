// How many CPUs does the JVM see? availableProcessors() counts logical CPUs (hardware threads) that
// this process may use; since JDK 10 it also honours container CPU limits on Linux. It can change
// while the program runs, so long-lived programs ask again rather than caching it.
public class CpuCount {
    public static void main(String[] args) {
        System.out.println("availableProcessors(): " + Runtime.getRuntime().availableProcessors());
    }
}
