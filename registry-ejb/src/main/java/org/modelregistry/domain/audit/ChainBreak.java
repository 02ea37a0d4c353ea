package org.modelregistry.domain.audit;

/**
 * The first record of a verified range whose hash or link does not match (result set mapping {@code ChainBreak}).
 *
 * @param contentOk whether its hash still covers its content and its stored link
 * @param linkOk whether that link is its predecessor's hash
 * @param priorSeq its predecessor's seq, null when it is the first of the range
 */
public record ChainBreak(Long seq, String id, Boolean contentOk, Boolean linkOk, Long priorSeq) {

    /** Why the record fails: its content changed, or its link does, where records before it are gone or changed. */
    public String reason() {
        if (!contentOk) {
            return "hash mismatch: the record's content no longer matches its hash (it was changed)";
        }
        if (priorSeq != null && priorSeq < seq - 1) {
            return "missing sequence: seq " + (priorSeq + 1) + (priorSeq + 1 == seq - 1 ? "" : ".." + (seq - 1))
                    + " before it no longer exist, and it was linked to a record that is gone";
        }
        return "broken link: the hash it was linked to is not its predecessor's"
                + (priorSeq == null ? "" : " (seq " + priorSeq + ")");
    }
}
