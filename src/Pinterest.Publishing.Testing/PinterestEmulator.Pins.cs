using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Pin creation with every media source type (the draft is read by PinDraftReader), Pin read and delete.
public sealed partial class PinterestEmulator
{
    private EmulatorHttpResponse HandleCreatePin(string accountId, byte[] body)
    {
        if (TrialAccess)
        {
            // Pinterest's wording for a Trial app creating a Pin on production (seen in the wild; code 29 is generic).
            throw new PinterestApiError(403, 29, "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.");
        }

        var (pin, mediaId) = PinDraftReader.Read(accountId, body);
        if (_options.Sandbox && mediaId is not null)
        {
            throw SandboxRefusals.VideoPin();
        }

        string owner;
        lock (_gate)
        {
            if (_readOnlyCollaborators.Contains((pin.BoardId, accountId)))
            {
                // Code 29 is Pinterest's generic permission error (the 403 example of 20 operations in its API description).
                throw new PinterestApiError(403, 29, "You are not permitted to access that resource.");
            }

            if (!_boards.TryGetValue(pin.BoardId, out var board) || board.AccountId != accountId)
            {
                throw new PinterestApiError(404, 40, "Board not found.");
            }

            if (pin.BoardSectionId is { } sectionId && (!_sections.TryGetValue(sectionId, out var section) || section.BoardId != pin.BoardId))
            {
                throw new PinterestApiError(404, 2031, "Board section not found.");
            }

            if (mediaId is not null)
            {
                // The video store takes no lock of ours: holding _gate here keeps the checks and the store one step.
                var status = _videos.StatusOf(mediaId, accountId)
                    ?? throw PinterestApiError.Invalid($"Invalid request body: media {mediaId} not found.");
                if (status != EmulatedMediaStatus.Succeeded)
                {
                    throw PinterestApiError.Invalid($"Invalid request body: media {mediaId} is {MediaState.StatusName(status)}; only succeeded media can be used in a Pin.");
                }
            }

            pin = pin with { Id = NextId(), CreatedAt = _time.GetUtcNow() };
            _pins[pin.Id] = pin;
            owner = _accounts[accountId].Username;
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => PinJson.Write(w, pin, owner)));
    }

    private EmulatorHttpResponse HandleGetPin(string accountId, string pinId)
    {
        var pin = FindOwnPin(accountId, pinId);
        string owner;
        lock (_gate)
        {
            owner = _accounts[pin.AccountId].Username;
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => PinJson.Write(w, pin, owner)));
    }

    private EmulatorHttpResponse HandleDeletePin(string accountId, string pinId)
    {
        var pin = FindOwnPin(accountId, pinId);
        lock (_gate)
        {
            _pins.Remove(pin.Id);
        }

        return EmulatorHttpResponse.Empty(204);
    }

    /// <summary>A Pin of <paramref name="accountId"/>, or the API's 404 (a Pin of another account is not found either).</summary>
    private EmulatedPin FindOwnPin(string accountId, string pinId, int notFoundCode = 50)
    {
        NumericId.Require(pinId, "pin_id");
        lock (_gate)
        {
            if (_pins.TryGetValue(pinId, out var pin) && pin.AccountId == accountId)
            {
                return pin;
            }
        }

        throw new PinterestApiError(404, notFoundCode, SpecErrorExamples.PinNotFound);
    }
}
