package dev.skiff.daemon.naming;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Container names in dockerd's "adjective_surname" style, for containers created without
 * {@code --name}. The surnames are of scientists and engineers; the caller retries on a clash,
 * adding a digit after a few attempts as dockerd does.
 */
public final class NameGenerator {
    static final List<String> ADJECTIVES = List.of(
            "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful",
            "blissful", "bold", "boring", "brave", "busy", "calm", "charming", "clever", "cool", "compassionate",
            "competent", "confident", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy",
            "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent",
            "festive", "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy",
            "gracious", "great", "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible",
            "inspiring", "intelligent", "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving",
            "lucid", "magical", "modest", "musing", "mystifying", "naughty", "nervous", "nice", "nifty",
            "nostalgic", "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical",
            "priceless", "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad",
            "serene", "sharp", "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet",
            "tender", "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous",
            "wizardly", "wonderful", "xenodochial", "youthful", "zealous", "zen");

    static final List<String> SURNAMES = List.of(
            "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "aryabhata", "austin",
            "babbage", "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "bhaskara", "blackwell",
            "bohr", "booth", "borg", "bose", "boyd", "brahmagupta", "brattain", "brown", "carson", "cerf",
            "chandrasekhar", "chaplygin", "chatterjee", "clarke", "colden", "cori", "cray", "curie", "darwin",
            "davinci", "dijkstra", "dubinsky", "easley", "einstein", "elion", "engelbart", "euclid", "euler",
            "fermat", "fermi", "feynman", "franklin", "galileo", "gates", "goldberg", "goldstine", "goldwasser",
            "goodall", "hamilton", "hawking", "heisenberg", "hermann", "hertz", "hodgkin", "hofstadter",
            "hoover", "hopper", "hugle", "hypatia", "jackson", "jang", "jennings", "jepsen", "johnson",
            "joliot", "jones", "kalam", "kapitsa", "keller", "kepler", "khorana", "kilby", "kirch", "knuth",
            "kowalevski", "lalande", "lamarr", "lamport", "leakey", "leavitt", "lehmann", "lewin", "lichterman",
            "liskov", "lovelace", "lumiere", "mahavira", "margulis", "matsumoto", "maxwell", "mayer", "mccarthy",
            "mcclintock", "mclean", "mcnulty", "meitner", "mendel", "mendeleev", "merkle", "mirzakhani",
            "moore", "morse", "murdock", "napier", "nash", "neumann", "newton", "nightingale", "nobel", "noether",
            "northcutt", "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike", "poincare",
            "poitras", "ptolemy", "raman", "ramanujan", "ride", "ritchie", "roentgen", "rosalind", "saha",
            "sammet", "shannon", "shaw", "shirley", "shockley", "sinoussi", "snyder", "spence", "stonebraker",
            "sutherland", "swanson", "swartz", "swirles", "tesla", "thompson", "torvalds", "turing", "varahamihira",
            "vaughan", "villani", "visvesvaraya", "volhard", "wescoff", "wiles", "williams", "wilson", "wing",
            "wozniak", "wright", "wu", "yalow", "yonath");

    private final RandomGenerator random;

    public NameGenerator(RandomGenerator random) {
        this.random = random;
    }

    /**
     * A candidate name; {@code attempt} counts earlier clashes. Like dockerd, "boring_wozniak" is never
     * produced, and after a few clashes a random digit is appended.
     */
    public String next(int attempt) {
        while (true) {
            String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_"
                    + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (name.equals("boring_wozniak")) {
                continue;
            }
            return attempt >= 3 ? name + random.nextInt(10) : name;
        }
    }
}
