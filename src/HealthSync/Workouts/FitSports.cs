namespace HealthSync.Workouts;

/// <summary>FIT <c>sport</c> values the sport table uses, named as in Garmin's FIT profile (Profile.types.sport).</summary>
public static class FitSport
{
    public const byte Generic = 0;
    public const byte Running = 1;
    public const byte Cycling = 2;
    public const byte Transition = 3;
    public const byte FitnessEquipment = 4;
    public const byte Swimming = 5;
    public const byte Basketball = 6;
    public const byte Soccer = 7;
    public const byte Tennis = 8;
    public const byte AmericanFootball = 9;
    public const byte Training = 10;
    public const byte Walking = 11;
    public const byte CrossCountrySkiing = 12;
    public const byte AlpineSkiing = 13;
    public const byte Snowboarding = 14;
    public const byte Rowing = 15;
    public const byte Hiking = 17;
    public const byte Multisport = 18;
    public const byte Paddling = 19;
    public const byte Golf = 25;
    public const byte HorsebackRiding = 27;
    public const byte Hunting = 28;
    public const byte Fishing = 29;
    public const byte RockClimbing = 31;
    public const byte Sailing = 32;
    public const byte IceSkating = 33;
    public const byte Surfing = 38;
    public const byte Boxing = 47;
    public const byte FloorClimbing = 48;
    public const byte Baseball = 49;
    public const byte Diving = 53;
    public const byte WinterSport = 58;
    public const byte Hiit = 62;
    public const byte VideoGaming = 63;
    public const byte Racket = 64;
    public const byte WheelchairPushWalk = 65;
    public const byte WheelchairPushRun = 66;
    public const byte Meditation = 67;
    public const byte DiscGolf = 69;
    public const byte TeamSport = 70;
    public const byte Cricket = 71;
    public const byte Rugby = 72;
    public const byte Hockey = 73;
    public const byte Lacrosse = 74;
    public const byte Volleyball = 75;
    public const byte WaterSport = 78;
    public const byte Archery = 79;
    public const byte MixedMartialArts = 80;
    public const byte Dance = 83;
    public const byte JumpRope = 84;
    public const byte Mobility = 86;
}

/// <summary>FIT <c>sub_sport</c> values the sport table uses, named as in Garmin's FIT profile (Profile.types.subSport).</summary>
public static class FitSubSport
{
    public const byte Generic = 0;
    public const byte Treadmill = 1;
    public const byte IndoorCycling = 6;
    public const byte HandCycling = 12;
    public const byte IndoorRowing = 14;
    public const byte Elliptical = 15;
    public const byte StairClimbing = 16;
    public const byte LapSwimming = 17;
    public const byte OpenWater = 18;
    public const byte FlexibilityTraining = 19;
    public const byte StrengthTraining = 20;
    public const byte CardioTraining = 26;
    public const byte IndoorWalking = 27;
    public const byte Yoga = 43;
    public const byte Pilates = 44;
    public const byte IndoorClimbing = 68;
    public const byte Hiit = 70;
    public const byte Triathlon = 78;
    public const byte Pickleball = 84;
    public const byte IndoorWheelchairWalk = 86;
    public const byte IndoorWheelchairRun = 87;
    public const byte IndoorHandCycling = 88;
    public const byte Squash = 94;
    public const byte Badminton = 95;
    public const byte Racquetball = 96;
    public const byte TableTennis = 97;
}
