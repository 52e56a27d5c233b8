package io.ticketbridge.sandbox;

/**
 * What a simulator served since it started or since {@code DELETE /__sandbox/stats}, so a test can prove its faults
 * really happened ({@code GET /__sandbox/stats}). Control requests under {@code /__sandbox/} are not counted.
 *
 * @param requests             vendor API requests received
 * @param writes               of those, writes (the requests a lost answer can hit)
 * @param drops                closed before the handler ({@code dropRate})
 * @param errors               answered with the injected 5xx ({@code errorRate})
 * @param throttles            answered 429 ({@code throttleRate})
 * @param malformed            2xx answers whose body was cut ({@code malformedRate}, {@code malformedPath})
 * @param lostAnswersDropped   writes applied, then the connection closed without a status line
 * @param lostAnswersTruncated writes applied, then the answer cut mid-body and the connection closed
 * @param maxInFlight          the most requests in flight at one moment, each from its arrival until its answer
 *                             starts: how many the clients really had open at once
 * @param firstRequestAt       when the first of those requests was received (ISO instant, microseconds); null if none
 * @param lastRequestAt        when the last one was received, so a test can see how a client paced its calls
 */
public record SimStats(long requests, long writes, long drops, long errors, long throttles, long malformed,
                       long lostAnswersDropped, long lostAnswersTruncated, long maxInFlight, String firstRequestAt,
                       String lastRequestAt) {

    /** Writes applied whose answer never arrived whole. */
    public long lostAnswers() {
        return lostAnswersDropped + lostAnswersTruncated;
    }
}
