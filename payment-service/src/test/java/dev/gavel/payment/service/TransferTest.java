package dev.gavel.payment.service;

import dev.gavel.payment.service.Transfer.Account;
import dev.gavel.payment.service.Transfer.Posting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A transfer balances to zero, in cents, in one currency, between at least two accounts, or it is not made. */
class TransferTest {

    private final UUID buyer = UUID.randomUUID();
    private final UUID seller = UUID.randomUUID();
    private final UUID order = UUID.randomUUID();

    @Test
    void movesBalanceByConstructionAndNetPerAccount() {
        Transfer settlement = Transfer.of("ORDER_SETTLEMENT", order.toString(), "Sale", "EUR")
                .move(new BigDecimal("95.00"), Account.escrow(order), Account.wallet(seller))
                .move(new BigDecimal("15.00"), Account.escrow(order), Account.platformRevenue())
                .build();
        assertEquals(4, settlement.postings().size());
        Map<Account, BigDecimal> net = settlement.netChanges();
        assertEquals(new BigDecimal("-110.00"), net.get(Account.escrow(order)));
        assertEquals(new BigDecimal("95.00"), net.get(Account.wallet(seller)));
        assertEquals(new BigDecimal("15.00"), net.get(Account.platformRevenue()));
        assertEquals(0, net.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).signum());
    }

    @Test
    void aZeroMoveIsLeftOut() {
        Transfer t = Transfer.of("X", "1", null, "EUR")
                .move(BigDecimal.ZERO, Account.wallet(buyer), Account.escrow(order))
                .move(BigDecimal.ONE, Account.wallet(buyer), Account.escrow(order)).build();
        assertEquals(2, t.postings().size());
        assertThrows(IllegalArgumentException.class, () -> Transfer.of("X", "1", null, "EUR")
                .move(BigDecimal.ZERO, Account.wallet(buyer), Account.escrow(order)).build(), "nothing moved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "unbalanced; 10.00; -9.99; EUR",
            "fractions of a cent; 10.001; -10.001; EUR",
            "a zero posting; 0.00; 0.00; EUR",
            "no currency; 10.00; -10.00; ''",
            "a lower-case currency; 10.00; -10.00; eur",
    })
    void refused(String why, String first, String second, String currency) {
        List<Posting> postings = List.of(new Posting(Account.wallet(buyer), new BigDecimal(first)),
                new Posting(Account.providerClearing(), new BigDecimal(second)));
        assertThrows(IllegalArgumentException.class,
                () -> new Transfer("X", "1", null, currency.isEmpty() ? null : currency, postings), why);
    }

    @Test
    void aNegativeMoveAndASingleAccountAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Transfer.of("X", "1", null, "EUR")
                .move(new BigDecimal("-1.00"), Account.wallet(buyer), Account.escrow(order)));
        assertThrows(IllegalArgumentException.class, () -> new Transfer("X", "1", null, "EUR",
                List.of(new Posting(Account.wallet(buyer), BigDecimal.ONE))));
    }

    @Test
    void onlyTheProvidersClearingAccountMayGoNegative() {
        for (Transfer.AccountKind kind : Transfer.AccountKind.values()) {
            assertEquals(kind == Transfer.AccountKind.PROVIDER_CLEARING, kind.mayGoNegative(), kind.name());
        }
        assertTrue(Account.platformRevenue().owner().equals(Transfer.PLATFORM));
    }
}
