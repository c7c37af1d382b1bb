using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>The cool-down policy over the coordinator's cool-downs: the policy's waits, and one memory shared by every instance.</summary>
public class AccountCooldownsTests
{
    private const string Account = "acct-1";
    private const string Write = "org_write";
    private const string Read = "org_read";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessAccountCoordinator _coordinator;
    private readonly AccountCooldowns _cooldowns;

    public AccountCooldownsTests()
    {
        _coordinator = new InProcessAccountCoordinator(_time);
        _cooldowns = Policy(_coordinator);
    }

    private AccountCooldowns Policy(IPinterestAccountCoordinator coordinator) =>
        new(coordinator, _time, new AccountCooldownPolicy(new PinterestRetryOptions(), TimeSpan.FromHours(6)));

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public async Task A_429_without_a_named_wait_cools_its_category_for_a_minute_and_no_other()
    {
        var cooldown = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal(Now + TimeSpan.FromMinutes(1), cooldown.Until);
        Assert.Equal(cooldown, await _cooldowns.FindAsync(Account, Write, default));
        Assert.Null(await _cooldowns.FindAsync(Account, Read, default));
        Assert.Null(await _cooldowns.FindAsync("acct-2", Write, default));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _cooldowns.FindAsync(Account, Write, default));
    }

    [Fact]
    public async Task The_wait_pinterest_names_is_kept_and_cut_at_a_day()
    {
        var named = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, TimeSpan.FromSeconds(5)), default);
        var huge = await _cooldowns.RecordAsync(Account, new RateLimitHit(Read, false, TimeSpan.MaxValue), default);

        Assert.Equal(Now + TimeSpan.FromSeconds(5), named.Until);
        Assert.Equal(Now + TimeSpan.FromDays(1), huge.Until);
    }

    [Fact]
    public async Task Rate_limits_in_a_row_double_up_to_the_cap_and_a_success_ends_the_run()
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var cooldown = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);
            waits.Add(cooldown.Until - Now);
            _time.Advance(cooldown.Until - Now);
        }

        await _cooldowns.SucceededAsync(Account, Write, default);
        var afterSuccess = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(1), afterSuccess.Until - Now);
    }

    [Fact]
    public async Task A_429_while_the_cool_down_holds_is_not_one_more_in_a_row()
    {
        var first = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);
        _time.Advance(TimeSpan.FromSeconds(10));
        var concurrent = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal(first.Until, concurrent.Until);
        Assert.Equal(1, concurrent.InARow);
    }

    [Fact]
    public async Task A_429_long_after_the_last_cool_down_starts_a_new_run()
    {
        await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);
        _time.Advance(TimeSpan.FromHours(3));

        var fresh = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal(1, fresh.InARow);
        Assert.Equal(TimeSpan.FromMinutes(1), fresh.Until - Now);
    }

    [Fact]
    public async Task A_spam_block_cools_every_category_of_the_account_for_the_spam_delay()
    {
        await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, true, TimeSpan.FromSeconds(1)), default);

        var write = await _cooldowns.FindAsync(Account, Write, default);
        var analytics = await _cooldowns.FindAsync(Account, "org_analytics", default);

        Assert.Equal(Now + TimeSpan.FromHours(6), write?.Until);
        Assert.True(write?.IsSpamBlock);
        Assert.Null(write?.Category);
        Assert.Equal(write, analytics);
    }

    [Fact]
    public async Task A_spam_block_during_a_shorter_whole_account_cool_down_moves_its_end_to_the_spam_delay()
    {
        var limited = await _cooldowns.RecordAsync(Account, new RateLimitHit(null, false, null), default);
        var blocked = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, true, null), default);

        Assert.Equal(Now + TimeSpan.FromMinutes(1), limited.Until);
        Assert.Equal(Now + TimeSpan.FromHours(6), blocked.Until);
        Assert.True(blocked.IsSpamBlock);
        Assert.Equal(blocked, await _cooldowns.FindAsync(Account, Write, default));
    }

    [Fact]
    public async Task A_spam_block_keeps_a_longer_whole_account_cool_down_in_force()
    {
        await _cooldowns.RecordAsync(Account, new RateLimitHit(null, false, TimeSpan.FromHours(20)), default);

        var blocked = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, true, null), default);

        Assert.Equal(Now + TimeSpan.FromHours(20), blocked.Until);
        Assert.True(blocked.IsSpamBlock);
    }

    [Fact]
    public async Task Looking_a_cool_down_up_forgets_those_over_long_ago()
    {
        for (var a = 0; a < 50; a++)
        {
            await _cooldowns.RecordAsync($"acct-{a}", new RateLimitHit(Write, false, null), default);
        }

        _time.Advance(TimeSpan.FromHours(2));

        Assert.Null(await _cooldowns.FindAsync(Account, Write, default));
        Assert.Equal(0, _coordinator.CooldownCount);
    }

    [Fact]
    public async Task Cool_downs_over_long_ago_are_forgotten()
    {
        for (var a = 0; a < 50; a++)
        {
            await _cooldowns.RecordAsync($"acct-{a}", new RateLimitHit(Write, false, null), default);
        }

        _time.Advance(TimeSpan.FromHours(2));
        await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal(1, _coordinator.CooldownCount);
    }

    [Fact]
    public async Task A_cool_down_one_instance_records_holds_for_another_sharing_the_coordinator()
    {
        var otherInstance = Policy(_coordinator);

        var recorded = await _cooldowns.RecordAsync(Account, new RateLimitHit(null, true, null), default);

        Assert.Equal(recorded, await otherInstance.FindAsync(Account, Write, default));
        Assert.Equal([recorded], await _coordinator.GetCooldownsAsync(Account, default));
    }

    [Fact]
    public async Task The_run_of_429s_lives_in_the_coordinator_so_another_instance_continues_it()
    {
        var first = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);
        _time.Advance(first.Until - Now);

        var second = await Policy(_coordinator).RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        Assert.Equal(2, second.InARow);
        Assert.Equal(TimeSpan.FromMinutes(2), second.Until - Now);
    }

    [Fact]
    public async Task A_success_ends_the_run_in_the_coordinator_without_ending_the_cool_down()
    {
        var cooldown = await _cooldowns.RecordAsync(Account, new RateLimitHit(Write, false, null), default);

        await Policy(_coordinator).SucceededAsync(Account, Write, default);

        var stored = Assert.Single(await _coordinator.GetCooldownsAsync(Account, default));
        Assert.Equal(cooldown with { InARow = 0 }, stored);
    }
}
