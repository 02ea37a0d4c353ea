package org.modelregistry.application.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.domain.audit.ChainBreak;
import org.modelregistry.domain.audit.ChainPoint;
import org.modelregistry.domain.audit.SeqRange;

/**
 * Verifies the audit log. Verification recomputes every chained record's hash in the database, from its canonical
 * text and its predecessor's stored hash (the function the insert trigger uses), over a contiguous range of sequence
 * numbers, and checks the signed checkpoints kept in the data directory against the records. Runs in the caller's
 * transaction; who may verify what is decided before ({@link AuditServiceBean}).
 */
@ApplicationScoped
public class AuditVerifier {

    @Inject
    AuditRepository log;

    @Inject
    AuditFacts facts;

    @EJB
    AuditChainer chainer;

    @EJB
    AuditCheckpoints checkpoints;

    /** Verifies the records written in [from, to) (null: open), of one organization or (null) of all. */
    public AuditVerification verify(OffsetDateTime from, OffsetDateTime to, UUID org) {
        chainer.chainPending(); // every committed record, linked
        // the records written in [from, to), as the contiguous run of sequence numbers that holds them
        SeqRange range = log.chainedRange(from, to);
        long unchained = log.countUnchained(org);
        // the chain's real head (not the head row, which the owner can set): checkpoints beyond it mean truncation
        Long headSeq = log.lastSeq().orElse(null);

        AuditFacts.Result signed = facts.check();
        List<String> problems = new ArrayList<>(signed.problems());
        long chained = 0;
        Long brokenSeq = null;
        String brokenId = null;
        String reason = null;
        Long rangeHead = null;
        String rangeHeadHash = null;
        CheckpointCheck cp;
        if (range.isEmpty()) {
            cp = checkCheckpoints(Long.MAX_VALUE, Long.MIN_VALUE, headSeq, signed);
        } else {
            long first = range.first();
            long last = range.last();
            rangeHead = last;
            rangeHeadHash = log.hashAt(last);
            String before = log.hashBefore(first);
            chained = log.countChained(first, last, org);
            Optional<ChainBreak> broken = log.firstBroken(before, first, last, null);
            if (broken.isPresent() && org != null) {
                Optional<ChainBreak> own = log.firstBroken(before, first, last, org);
                if (own.isEmpty() || own.get().seq().longValue() != broken.get().seq()) {
                    problems.add("a record of another organization fails verification before"
                            + (own.isEmpty()
                                    ? " the end of the range"
                                    : " seq " + own.get().seq())
                            + "; a registry administrator can see which");
                }
                broken = own;
            }
            if (broken.isPresent()) {
                brokenSeq = broken.get().seq();
                brokenId = broken.get().id();
                reason = broken.get().reason();
            }
            cp = checkCheckpoints(first, last, headSeq, signed);
        }
        return new AuditVerification(
                brokenSeq == null && cp.failedSeq == null && problems.isEmpty(),
                from,
                to,
                chained,
                unchained,
                rangeHead,
                rangeHeadHash,
                brokenSeq,
                brokenId,
                cp.checked,
                cp.failedSeq,
                cp.problem,
                reason,
                cp.truncated,
                List.copyOf(problems),
                org);
    }

    private record CheckpointCheck(int checked, Long failedSeq, String problem, boolean truncated) {}

    /**
     * Every checkpoint kept outside the database must be the registry's, lie no further than the chain's head (else
     * the tail it counted was deleted), and, when its head lies in [first, last], name a record that still has its
     * hash, with as many chained records up to it as it counted (records of a signed dropped month included).
     */
    private CheckpointCheck checkCheckpoints(long first, long last, Long headSeq, AuditFacts.Result signed) {
        List<AuditCheckpointDto> all = checkpoints.stored();
        long head = headSeq == null ? 0 : headSeq;
        // newest first: the highest checkpoint beyond the head tells how far the log reached
        for (AuditCheckpointDto c : all) {
            if (c.hash() != null && c.seq() > head) {
                return new CheckpointCheck(
                        all.size(),
                        c.seq(),
                        "checkpoint at seq " + c.seq() + " (signed "
                                + c.createdAt() + ", " + c.records() + " records) lies beyond the chain's head at seq "
                                + head
                                + ": the log was truncated, records up to seq " + c.seq() + " were deleted",
                        true);
            }
        }
        List<AuditCheckpointDto> inRange =
                all.stream().filter(c -> c.seq() >= first && c.seq() <= last).toList();
        List<AuditCheckpointDto> unsigned =
                all.stream().filter(c -> c.hash() == null).toList();
        if (!unsigned.isEmpty()) {
            AuditCheckpointDto c = unsigned.get(unsigned.size() - 1);
            return new CheckpointCheck(
                    all.size(),
                    c.seq(),
                    "checkpoint at seq " + c.seq() + ": its signature is not the registry's",
                    false);
        }
        if (inRange.isEmpty()) {
            return new CheckpointCheck(0, null, null, false);
        }
        long highest = inRange.get(0).seq();
        Map<Long, ChainPoint> bySeq = new HashMap<>();
        log.chainPoints(highest, inRange.stream().map(AuditCheckpointDto::seq).toList())
                .forEach(p -> bySeq.put(p.seq(), p));
        // oldest first, so that the first failure is the earliest one
        for (int i = inRange.size() - 1; i >= 0; i--) {
            AuditCheckpointDto c = inRange.get(i);
            ChainPoint point = bySeq.get(c.seq());
            if (point == null && signed.dropped(c.seq())) {
                continue; // its record went with an archived month; the signed manifest and drop statement cover it
            }
            String why = point == null
                    ? "its record no longer exists: records were deleted"
                    : !c.hash().equals(point.hash())
                            ? "the record's hash differs from the signed one"
                            : point.records() != c.records()
                                    ? "it counted " + c.records() + " chained records up to it, the log now holds "
                                            + point.records()
                                    : null;
            if (why != null) {
                return new CheckpointCheck(
                        inRange.size(),
                        c.seq(),
                        "checkpoint at seq " + c.seq() + ": " + why,
                        point == null || point.records() < c.records());
            }
        }
        return new CheckpointCheck(inRange.size(), null, null, false);
    }
}
