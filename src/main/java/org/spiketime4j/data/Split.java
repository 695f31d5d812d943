package org.spiketime4j.data;

/** The training or the test part of a data set, with the file and folder names the official releases use. */
public enum Split {
    /** The training part: IDX files {@code train-*}, N-MNIST folder {@code Train}. */
    TRAIN("train", "Train"),
    /** The test part: IDX files {@code t10k-*}, N-MNIST folder {@code Test}. */
    TEST("t10k", "Test");

    private final String idxPrefix;
    private final String eventFolder;

    Split(String idxPrefix, String eventFolder) {
        this.idxPrefix = idxPrefix;
        this.eventFolder = eventFolder;
    }

    /** @return the prefix of the IDX file names, {@code train} or {@code t10k} */
    public String idxPrefix() {
        return idxPrefix;
    }

    /** @return the N-MNIST folder (and zip file stem) name, {@code Train} or {@code Test} */
    public String eventFolder() {
        return eventFolder;
    }
}
