{
  description = "Dojo: self-hosted envelope budgeting, event-sourced on DuckDB";

  # nixos-25.05 is the last release with Node 20 and keeps Python 3.11. Its branch is frozen
  # (end of life), and flake.lock pins the revision and its content hash.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;
      version = (lib.importTOML ./pyproject.toml).project.version;
      # Fixed-output hashes, recomputed by deploy/nix/update-hashes (no Nix needed).
      hashes = lib.importJSON ./deploy/nix/hashes.json;
      shellSystems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      # The backend's binary wheels are pinned for these systems only.
      packageSystems = builtins.attrNames hashes.python-wheels;
      forSystems = systems: f: lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      dojoPackages =
        pkgs:
        let
          python = pkgs.python311;
          nodejs = pkgs.nodejs_20;
          runtimeRequirements = ./deploy/nix/requirements.txt;
          buildRequirements = ./deploy/nix/build-requirements.txt;

          # Every wheel of the backend's runtime closure and of its build backend, exactly
          # the files (and sha256s) of the two requirements files. Keep the pip flags in step
          # with deploy/nix/update-hashes, which computes the hash of this output.
          wheels = pkgs.stdenvNoCC.mkDerivation {
            name = "dojo-python-wheels-${version}";
            dontUnpack = true;
            nativeBuildInputs = [ (python.withPackages (ps: [ ps.pip ])) ];
            buildPhase = ''
              runHook preBuild
              export HOME="$TMPDIR"
              python -m pip download --no-cache-dir --disable-pip-version-check --no-input \
                --no-deps --only-binary=:all: --implementation cp --python-version 3.11 \
                --abi cp311 --abi abi3 --abi none \
                --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
                --platform manylinux2014_x86_64 \
                --require-hashes -r ${runtimeRequirements} -r ${buildRequirements} -d "$out"
              runHook postBuild
            '';
            dontInstall = true;
            dontFixup = true;
            SSL_CERT_FILE = "${pkgs.cacert}/etc/ssl/certs/ca-bundle.crt";
            PIP_CERT = "${pkgs.cacert}/etc/ssl/certs/ca-bundle.crt";
            impureEnvVars = lib.fetchers.proxyImpureEnvVars;
            outputHashMode = "recursive";
            outputHashAlgo = "sha256";
            outputHash = hashes.python-wheels.${pkgs.stdenv.hostPlatform.system};
          };

          # The SPA: frontend/ (and contracts/, which its scripts read) built with its lockfile.
          frontend = pkgs.buildNpmPackage {
            pname = "dojo-frontend";
            inherit version nodejs;
            src = lib.cleanSourceWith {
              name = "source";
              src = ./.;
              filter =
                path: type:
                let
                  rel = lib.removePrefix "${toString ./.}/" (toString path);
                in
                (lib.hasPrefix "frontend" rel || lib.hasPrefix "contracts" rel)
                && !(lib.hasInfix "node_modules" rel)
                && !(lib.hasPrefix "frontend/dist" rel);
            };
            sourceRoot = "source/frontend";
            # The committed lockfile names no registry; fetchNpmDeps needs tarball URLs. Add
            # them, from the registry npm itself defaults to, for the fetch and the build alike.
            postPatch = ''
              registry="$(HOME="$TMPDIR" ${nodejs}/bin/npm config get registry)"
              ${nodejs}/bin/node ${./deploy/nix/npm-lock-resolved.mjs} "$registry" package-lock.json
            '';
            npmDepsHash = hashes.npm-deps;
            npmBuildScript = "build";
            installPhase = ''
              runHook preInstall
              cp -r dist "$out"
              runHook postInstall
            '';
          };

          # The backend in a virtual environment of the pinned wheels, with the SPA beside it.
          dojo = pkgs.stdenv.mkDerivation {
            pname = "dojo";
            inherit version;
            src = lib.fileset.toSource {
              root = ./.;
              fileset = lib.fileset.unions [ ./pyproject.toml ./README.md ./src ./sql ];
            };
            nativeBuildInputs = [ pkgs.autoPatchelfHook pkgs.makeWrapper ];
            # libstdc++ and libgcc_s for DuckDB's manylinux extension module.
            buildInputs = [ pkgs.stdenv.cc.cc.lib ];
            # The dynamic loader is the interpreter's own, loaded before any extension module.
            autoPatchelfIgnoreMissingDeps = [ "ld-linux-x86-64.so.2" ];
            dontConfigure = true;
            dontStrip = true;
            buildPhase = ''
              runHook preBuild
              export HOME="$TMPDIR" PIP_NO_INDEX=1 PIP_FIND_LINKS=${wheels} PIP_NO_CACHE_DIR=1 \
                PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
              ${python}/bin/python -m venv "$TMPDIR/build"
              "$TMPDIR/build/bin/pip" install --require-hashes -r ${buildRequirements}
              "$TMPDIR/build/bin/pip" wheel --no-deps --no-build-isolation -w "$TMPDIR/dist" .
              runHook postBuild
            '';
            installPhase = ''
              runHook preInstall
              export HOME="$TMPDIR" PIP_NO_INDEX=1 PIP_FIND_LINKS=${wheels} PIP_NO_CACHE_DIR=1 \
                PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
              ${python}/bin/python -m venv "$out"
              "$out/bin/pip" install --no-deps --require-hashes -r ${runtimeRequirements}
              "$out/bin/pip" install --no-deps "$TMPDIR"/dist/dojo-*.whl
              "$out/bin/python" -m pip uninstall --yes pip setuptools
              mkdir -p "$out/share/dojo"
              cp -r ${frontend} "$out/share/dojo/static"
              wrapProgram "$out/bin/dojo" --set-default DOJO_STATIC "$out/share/dojo/static"
              runHook postInstall
            '';
            doInstallCheck = true;
            installCheckPhase = ''
              "$out/bin/dojo" --help > /dev/null
              "$out/bin/dojo" db migrate --db "$TMPDIR/check.duckdb"
              "$out/bin/dojo" db check --db "$TMPDIR/check.duckdb"
            '';
            passthru = { inherit frontend wheels; };
            meta = {
              description = "Self-hosted envelope budgeting (API and web app)";
              license = lib.licenses.mit;
              mainProgram = "dojo";
              platforms = packageSystems;
            };
          };

          # The OCI image: non-root (10001), `dojo serve` as entry point, data in /var/lib/dojo.
          image = pkgs.dockerTools.buildLayeredImage {
            name = "dojo";
            tag = version;
            extraCommands = ''
              mkdir -p etc tmp var/lib/dojo
              chmod 1777 tmp
              echo 'root:x:0:0:root:/root:/sbin/nologin' > etc/passwd
              echo 'dojo:x:10001:10001:Dojo:/var/lib/dojo:/sbin/nologin' >> etc/passwd
              echo 'root:x:0:' > etc/group
              echo 'dojo:x:10001:' >> etc/group
            '';
            fakeRootCommands = ''
              chown -R 10001:10001 var/lib/dojo
            '';
            config = {
              User = "10001:10001";
              Entrypoint = [ "${dojo}/bin/dojo" "serve" ];
              WorkingDir = "/var/lib/dojo";
              Env = [
                "DOJO_DB=/var/lib/dojo/dojo.duckdb"
                "DOJO_HOST=0.0.0.0"
                "DOJO_PORT=8000"
                "DOJO_STATIC=${dojo}/share/dojo/static"
                "HOME=/tmp"
                # For maintenance Jobs: `command: ["dojo", "verify", ...]` (no /bin here).
                "PATH=${dojo}/bin"
              ];
              ExposedPorts = { "8000/tcp" = { }; };
              Volumes = { "/var/lib/dojo" = { }; };
              Labels = {
                "org.opencontainers.image.title" = "dojo";
                "org.opencontainers.image.description" = "Self-hosted envelope budgeting";
                "org.opencontainers.image.version" = version;
                "org.opencontainers.image.licenses" = "MIT";
              };
            };
          };
        in
        {
          inherit dojo frontend image;
          default = dojo;
        };
    in
    {
      packages = forSystems packageSystems dojoPackages;

      devShells = forSystems shellSystems (pkgs: {
        # What the Makefile and the front end need: `make test`, `make run`, `npm ci`, ...
        default = pkgs.mkShell {
          packages = [
            pkgs.python311
            pkgs.nodejs_20
            pkgs.gnumake
            pkgs.git
            pkgs.kubectl
          ];
          # PyPI's manylinux wheels (DuckDB) look for libstdc++ where Nix does not put it.
          env = lib.optionalAttrs pkgs.stdenv.isLinux {
            LD_LIBRARY_PATH = lib.makeLibraryPath [ pkgs.stdenv.cc.cc.lib pkgs.zlib ];
          };
          shellHook = ''
            export PYTHONHASHSEED=0
          '';
        };
      });

      formatter = forSystems shellSystems (pkgs: pkgs.nixfmt-rfc-style);
    };
}
